#pragma once

#include <QImage>

#include <cstddef>
#include <memory>

namespace convscope::gui {

/// Recycles the pixel buffers of large QImages. An image from acquire() lives in a pooled buffer; when its
/// last copy is destroyed (on any thread) the buffer goes back to the pool instead of to the allocator, and
/// the next frame of the same size is written into memory that is already mapped. A fresh multi-megabyte
/// buffer costs one page fault per 4 KiB page on first touch, which on some machines (virtual ones above
/// all) takes longer than filtering the picture. Thread-safe; images may outlive the pool.
class ImageBufferPool {
public:
    /// Keeps at most `maxIdleBytes` of unused buffers (the oldest are freed first).
    explicit ImageBufferPool(std::size_t maxIdleBytes = std::size_t{256} << 20);
    ~ImageBufferPool();
    ImageBufferPool(const ImageBufferPool&) = delete;
    ImageBufferPool& operator=(const ImageBufferPool&) = delete;

    /// An image with uninitialised pixels that can be written without detaching (bits() does not copy).
    QImage acquire(int width, int height, QImage::Format format);
    /// Bytes held by unused buffers.
    std::size_t idleBytes() const;

private:
    struct State;
    struct Ticket;
    static void release(void* ticket);

    std::shared_ptr<State> m_state;
};

}  // namespace convscope::gui
