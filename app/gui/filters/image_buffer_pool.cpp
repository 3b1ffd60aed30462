#include "app/gui/filters/image_buffer_pool.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

namespace convscope::gui {

struct ImageBufferPool::State {
    std::mutex mutex;
    std::vector<std::pair<std::size_t, uchar*>> idle;  ///< (bytes, buffer), most recently returned last
    std::size_t idleBytes = 0;
    std::size_t maxIdleBytes = 0;

    ~State() {
        for (auto& entry : idle) std::free(entry.second);
    }
};

/// What the cleanup function of each pooled QImage gets: where its buffer goes back to.
struct ImageBufferPool::Ticket {
    std::weak_ptr<State> pool;
    uchar* data = nullptr;
    std::size_t bytes = 0;
};

ImageBufferPool::ImageBufferPool(std::size_t maxIdleBytes) : m_state(std::make_shared<State>()) {
    m_state->maxIdleBytes = maxIdleBytes;
}

ImageBufferPool::~ImageBufferPool() = default;

QImage ImageBufferPool::acquire(int width, int height, QImage::Format format) {
    if (width <= 0 || height <= 0) return {};
    // QImage's own row alignment (32 bits), so the image is laid out exactly as an allocated one.
    const int bitsPerPixel = QImage::toPixelFormat(format).bitsPerPixel();
    const qsizetype bytesPerLine = ((static_cast<qsizetype>(width) * bitsPerPixel + 31) / 32) * 4;
    const auto bytes = static_cast<std::size_t>(bytesPerLine) * static_cast<std::size_t>(height);
    uchar* data = nullptr;
    {
        const std::lock_guard<std::mutex> lock(m_state->mutex);
        auto& idle = m_state->idle;
        for (auto it = idle.rbegin(); it != idle.rend(); ++it) {
            if (it->first != bytes) continue;
            data = it->second;
            m_state->idleBytes -= bytes;
            idle.erase(std::next(it).base());
            break;
        }
    }
    if (!data) data = static_cast<uchar*>(std::malloc(bytes));
    if (!data) throw std::bad_alloc();
    auto* ticket = new Ticket{m_state, data, bytes};
    // The non-const data constructor: the image may write into the buffer without copying it.
    return QImage(data, width, height, bytesPerLine, format, &ImageBufferPool::release, ticket);
}

std::size_t ImageBufferPool::idleBytes() const {
    const std::lock_guard<std::mutex> lock(m_state->mutex);
    return m_state->idleBytes;
}

void ImageBufferPool::release(void* info) {
    auto* ticket = static_cast<Ticket*>(info);
    uchar* data = ticket->data;
    if (const std::shared_ptr<State> state = ticket->pool.lock()) {
        const std::lock_guard<std::mutex> lock(state->mutex);
        if (ticket->bytes <= state->maxIdleBytes) {
            while (!state->idle.empty() && state->idleBytes + ticket->bytes > state->maxIdleBytes) {
                state->idleBytes -= state->idle.front().first;
                std::free(state->idle.front().second);
                state->idle.erase(state->idle.begin());
            }
            state->idle.emplace_back(ticket->bytes, data);
            state->idleBytes += ticket->bytes;
            data = nullptr;
        }
    }
    std::free(data);
    delete ticket;
}

}  // namespace convscope::gui
