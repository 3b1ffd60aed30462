#pragma once

#include <memory>
#include <string>
#include <vector>

namespace cv {
class Mat;
}

namespace convscope::imaging {

class GifEncoder;

/// Container of an exported animation.
enum class AnimationFormat {
    PngFrames,  ///< one PNG per frame: <stem>_0001.png, <stem>_0002.png, ... next to `path`
    Gif,        ///< animated GIF89a, looping, 256-colour palette per frame
    Video,      ///< Motion-JPEG in AVI (OpenCV's built-in encoder, no codec library needed)
};
// Video details. OpenCV's built-in MJPEG writer garbles the colour of an odd last column or row, so frames of
// odd width or height are padded to even size by repeating their last column/row. It stores a whole number of
// frames per second (at least 1), so a fractional rate is met by writing every frame k times at k * fps
// frames per second (0.5 fps: 1 fps, each frame twice), with the smallest k that keeps the timing within 0.5
// percent. Before OpenCV 4.9 that writer sometimes drops the last 4 bytes of a frame's JPEG data
// (opencv/opencv#24171): decoders warn "premature end of data segment" and the bottom-right 16x16 block loses
// a little precision. GIF and video drop the alpha channel of BGRA frames; PNG frames keep it.

/// "png", "gif", "avi" and the format for a file name's extension (.png → PngFrames, .gif, .avi); parse
/// throws std::invalid_argument listing the accepted values.
std::string toString(AnimationFormat format);
AnimationFormat animationFormatForPath(const std::string& path);

/// Writes frames one at a time (nothing is held in memory but the current frame), then finish().
/// Not thread-safe; use from one thread at a time (the export worker). Throws std::runtime_error with a
/// sentence naming the file for I/O errors, and std::invalid_argument for a frame whose size differs from the
/// first one or that is not 8-bit BGR/BGRA/gray. Destroying an unfinished writer removes the partial file(s).
class AnimationWriter {
public:
    /// `framesPerSecond` in 0.1..60 (GIF delays are rounded to centiseconds, minimum 2 cs as browsers
    /// require). Checks the arguments (std::invalid_argument: rate, an extension that does not match
    /// `format`) and that the folder exists and is writable (std::runtime_error), so a bad path fails before
    /// any frame is rendered.
    AnimationWriter(AnimationFormat format, std::string path, double framesPerSecond);
    ~AnimationWriter();
    AnimationWriter(const AnimationWriter&) = delete;
    AnimationWriter& operator=(const AnimationWriter&) = delete;

    void addFrame(const cv::Mat& frame);
    /// Completes the file(s); GIF and video are written under a ".partial" name and renamed to `path` here.
    /// Throws std::runtime_error("no frames to write ...") when no frame was added. After finish() no frame
    /// may be added (std::logic_error); calling finish() again does nothing.
    void finish();

    int frameCount() const { return m_frames; }
    /// The file of frame `frameNumber` (1-based) of a PNG-frames export to `path`: <dir>/<stem>_0001.png, the
    /// number zero-padded to 4 digits, more when needed (<stem>_10000.png).
    static std::string pngFramePath(const std::string& path, int frameNumber);
    /// The files written so far (one per frame for PNG; for GIF/video the one file, listed once finish() made
    /// it).
    const std::vector<std::string>& files() const { return m_files; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    int m_frames = 0;
    std::vector<std::string> m_files;
};

}  // namespace convscope::imaging
