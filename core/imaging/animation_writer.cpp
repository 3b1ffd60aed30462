#include "core/imaging/animation_writer.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "core/imaging/gif_encoder.h"

namespace convscope::imaging {

namespace fs = std::filesystem;

namespace {

constexpr double kMinFps = 0.1;
constexpr double kMaxFps = 60.0;
constexpr int kJpegQuality = 95;
// Frame rates the AVI may store (a whole number per second) and the timing error accepted for them.
constexpr int kMaxVideoRate = 120;
constexpr double kRateTolerance = 0.005;

std::string lowerExtension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

struct VideoRate {
    int rate = 1;     // frames per second stored in the AVI
    int repeats = 1;  // copies written of every frame
};

// The smallest repeat count k whose whole rate round(k * fps) is within kRateTolerance of k * fps; the most
// accurate one when none is.
VideoRate videoRateFor(double fps) {
    VideoRate best;
    double bestError = 1e300;
    for (int k = 1; k * fps <= kMaxVideoRate + 0.5; ++k) {
        const int rate = std::max(1, int(std::lround(k * fps)));
        const double error = std::abs(rate - k * fps) / (k * fps);
        if (error < bestError) {
            best = {rate, k};
            bestError = error;
        }
        if (error <= kRateTolerance) break;
    }
    return best;
}

std::string numberText(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

std::string sizeText(const cv::Size& size) {
    return std::to_string(size.width) + "x" + std::to_string(size.height);
}

}  // namespace

std::string toString(AnimationFormat format) {
    switch (format) {
        case AnimationFormat::PngFrames:
            return "png";
        case AnimationFormat::Gif:
            return "gif";
        case AnimationFormat::Video:
            return "avi";
    }
    return "png";
}

AnimationFormat animationFormatForPath(const std::string& path) {
    const std::string ext = lowerExtension(path);
    if (ext == ".png") return AnimationFormat::PngFrames;
    if (ext == ".gif") return AnimationFormat::Gif;
    if (ext == ".avi") return AnimationFormat::Video;
    throw std::invalid_argument("cannot tell the animation format of '" + path +
                                "': the file name must end in .png (one image per frame), .gif or .avi");
}

struct AnimationWriter::Impl {
    AnimationFormat format = AnimationFormat::Gif;
    std::string path;
    double fps = 1.0;
    std::string partialPath;  // GIF and video are written here, then renamed to `path` by finish()
    cv::Size size;            // of the first frame; empty until it arrives
    std::unique_ptr<GifEncoder> gif;
    cv::VideoWriter video;
    VideoRate videoRate;
    std::vector<std::uint8_t> rgb;
    cv::Mat bgr;
    bool finished = false;

    void start(const cv::Mat& first);
    void writeVideoFrame(const cv::Mat& frame);
};

std::string AnimationWriter::pngFramePath(const std::string& path, int frameNumber) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "_%04d.png", frameNumber);
    const fs::path target(path);
    return (target.parent_path() / (target.stem().string() + suffix)).string();
}

AnimationWriter::AnimationWriter(AnimationFormat format, std::string path, double framesPerSecond)
    : m_impl(std::make_unique<Impl>()) {
    Impl& d = *m_impl;
    if (!(framesPerSecond >= kMinFps && framesPerSecond <= kMaxFps)) {
        throw std::invalid_argument("the animation frame rate must be 0.1 to 60 frames per second, not " +
                                    numberText(framesPerSecond));
    }
    const std::string wanted = "." + toString(format);
    if (lowerExtension(path) != wanted) {
        throw std::invalid_argument("the " + toString(format) + " export needs a file name ending in " +
                                    wanted + ", not '" + path + "'");
    }
    d.format = format;
    d.path = path;
    d.fps = framesPerSecond;
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code error;
    if (!fs::exists(folder, error)) {
        throw std::runtime_error("cannot write '" + path + "': the folder '" + folder.string() +
                                 "' does not exist");
    }
    if (!fs::is_directory(folder, error)) {
        throw std::runtime_error("cannot write '" + path + "': '" + folder.string() + "' is not a folder");
    }
    // Creating the partial file now reports an unwritable folder before any frame is rendered. PNG frames
    // have no partial file: a probe file is created (only if no such file exists: "x") and removed instead.
    const std::string partial = (folder / (target.stem().string() + ".partial" + wanted)).string();
    const bool png = format == AnimationFormat::PngFrames;
    std::FILE* probe = std::fopen(partial.c_str(), png ? "wbx" : "wb");
    if (!probe && !(png && errno == EEXIST)) {
        throw std::runtime_error("cannot write '" + path + "': " + std::strerror(errno));
    }
    if (probe) std::fclose(probe);
    if (png) {
        if (probe) std::remove(partial.c_str());
    } else {
        d.partialPath = partial;
    }
    if (format == AnimationFormat::Video) d.videoRate = videoRateFor(framesPerSecond);
}

AnimationWriter::~AnimationWriter() {
    if (m_impl->finished) return;
    m_impl->gif.reset();
    m_impl->video.release();
    std::error_code ignored;
    if (!m_impl->partialPath.empty()) fs::remove(m_impl->partialPath, ignored);
    for (const std::string& file : m_files) fs::remove(file, ignored);
}

void AnimationWriter::Impl::start(const cv::Mat& first) {
    const cv::Size size = first.size();
    if (format == AnimationFormat::Gif) {
        const int delay = std::max(2, int(std::lround(100.0 / fps)));
        gif = std::make_unique<GifEncoder>(partialPath, size.width, size.height, delay, true);
        rgb.resize(std::size_t(size.width) * std::size_t(size.height) * 3);
    } else if (format == AnimationFormat::Video) {
        const cv::Size even(size.width + size.width % 2, size.height + size.height % 2);
        const bool opened =
            video.open(partialPath, cv::CAP_OPENCV_MJPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'),
                       double(videoRate.rate), even, true);
        if (!opened)
            throw std::runtime_error("cannot start the video file '" + path + "' (" + sizeText(size) + ")");
        video.set(cv::VIDEOWRITER_PROP_QUALITY, kJpegQuality);
    }
    this->size = size;  // only once the writer started, so a failed start is retried by the next frame
}

void AnimationWriter::Impl::writeVideoFrame(const cv::Mat& frame) {
    cv::Mat out = frame;
    if (frame.channels() != 3) {
        cv::cvtColor(frame, bgr, frame.channels() == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGRA2BGR);
        out = bgr;
    }
    if (out.cols % 2 != 0 || out.rows % 2 != 0) {
        cv::Mat padded;
        cv::copyMakeBorder(out, padded, 0, out.rows % 2, 0, out.cols % 2, cv::BORDER_REPLICATE);
        out = padded;
    }
    for (int i = 0; i < videoRate.repeats; ++i) video.write(out);
}

void AnimationWriter::addFrame(const cv::Mat& frame) {
    Impl& d = *m_impl;
    const std::string which = "frame " + std::to_string(m_frames + 1);
    if (d.finished)
        throw std::logic_error("cannot add " + which + " to '" + d.path + "': the export is finished");
    if (frame.empty()) throw std::invalid_argument(which + " of '" + d.path + "' is empty");
    if (frame.depth() != CV_8U || (frame.channels() != 1 && frame.channels() != 3 && frame.channels() != 4)) {
        throw std::invalid_argument(which + " of '" + d.path + "' must be 8-bit gray, BGR or BGRA, not " +
                                    cv::typeToString(frame.type()));
    }
    if (d.size.empty()) {
        d.start(frame);
    } else if (frame.size() != d.size) {
        throw std::invalid_argument(which + " of '" + d.path + "' is " + sizeText(frame.size()) +
                                    " but the first frame is " + sizeText(d.size) +
                                    "; all frames of an animation must have the same size");
    }

    switch (d.format) {
        case AnimationFormat::PngFrames: {
            const std::string name = pngFramePath(d.path, m_frames + 1);
            bool written = false;
            try {
                written = cv::imwrite(name, frame);
            } catch (const cv::Exception&) {
                written = false;
            }
            if (!written) {
                std::error_code ignored;
                fs::remove(name, ignored);
                throw std::runtime_error("cannot write the frame image '" + name + "'");
            }
            m_files.push_back(name);
            break;
        }
        case AnimationFormat::Gif: {
            cv::Mat rgb(d.size, CV_8UC3, d.rgb.data());
            const int code = frame.channels() == 1   ? cv::COLOR_GRAY2RGB
                             : frame.channels() == 3 ? cv::COLOR_BGR2RGB
                                                     : cv::COLOR_BGRA2RGB;
            cv::cvtColor(frame, rgb, code);
            d.gif->addFrame(d.rgb);
            break;
        }
        case AnimationFormat::Video:
            d.writeVideoFrame(frame);
            break;
    }
    ++m_frames;
}

void AnimationWriter::finish() {
    Impl& d = *m_impl;
    if (d.finished) return;
    if (m_frames == 0) throw std::runtime_error("no frames to write to '" + d.path + "'");
    if (d.format != AnimationFormat::PngFrames) {
        if (d.gif) d.gif->finish();
        d.gif.reset();
        d.video.release();
        std::error_code error;
        if (d.format == AnimationFormat::Video && fs::file_size(d.partialPath, error) == 0) {
            throw std::runtime_error("cannot write the video file '" + d.path + "': nothing was written");
        }
        fs::rename(d.partialPath, d.path, error);
        if (error) throw std::runtime_error("cannot write '" + d.path + "': " + error.message());
        d.partialPath.clear();
        m_files = {d.path};
    }
    d.finished = true;
}

}  // namespace convscope::imaging
