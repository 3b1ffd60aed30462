#include "core/imaging/image_loader.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/imaging/image_header.h"

namespace convscope::imaging {

namespace fs = std::filesystem;

namespace {

const char* const kSupportedList = "PNG, JPEG, BMP, TIFF, WebP, PNM";
constexpr int kTiffCompressionLzw = 5;  // libtiff's COMPRESSION_LZW

std::string displayName(const std::string& path) {
    const std::string name = fs::path(path).filename().string();
    return name.empty() ? path : name;
}

std::string lowerExtension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    if (!ext.empty() && ext.front() == '.') ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

// "512 MB", "1.5 MB": file sizes in messages.
std::string describeBytes(std::uint64_t bytes) {
    std::ostringstream out;
    const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
    if (mb >= 1.0) {
        out << std::ceil(mb * 10.0) / 10.0 << " MB";
    } else {
        out << bytes << " bytes";
    }
    return out.str();
}

// Rounded up, so that a count just past the limit never prints as equal to it.
std::string describeMegapixels(std::uint64_t pixels) {
    std::ostringstream out;
    const double mp = static_cast<double>(pixels) / 1e6;
    if (mp >= 1000.0) {
        out.precision(0);
        out << std::fixed << std::ceil(mp);
    } else {
        out << std::ceil(mp * 10.0) / 10.0;
    }
    out << " megapixels";
    return out.str();
}

std::string describeLimit(std::uint64_t pixels) {
    return pixels >= 1'000'000 ? describeMegapixels(pixels) : std::to_string(pixels) + " pixels";
}

std::vector<std::uint8_t> readFileBytes(const std::string& path, const ImageLimits& limits) {
    const std::string name = displayName(path);
    if (path.empty()) throw ImageLoadError("No image file was given.");
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
        if (ec == std::errc::permission_denied) {
            throw ImageLoadError(name + " cannot be opened: permission denied.");
        }
        throw ImageLoadError(name + " cannot be opened: " + ec.message() + ".");
    }
    if (!fs::exists(status)) throw ImageLoadError(path + " does not exist.");
    if (fs::is_directory(status)) throw ImageLoadError(name + " is a folder, not an image file.");
    // FIFOs and devices could block forever or never end; images are regular files.
    if (!fs::is_regular_file(status)) throw ImageLoadError(name + " is not a regular file.");

    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) throw ImageLoadError(name + " cannot be opened: " + ec.message() + ".");
    if (size == 0) throw ImageLoadError(name + " is empty (0 bytes), so it holds no image.");
    if (size > limits.maxFileBytes) {
        throw ImageLoadError(name + " is " + describeBytes(size) + "; ConvScope opens files up to " +
                             describeBytes(limits.maxFileBytes) + ".");
    }

    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (errno == EACCES || errno == EPERM) {
            throw ImageLoadError(name + " cannot be opened: permission denied.");
        }
        throw ImageLoadError(name + " cannot be opened" +
                             (errno ? ": " + std::string(std::strerror(errno)) : "") + ".");
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
        throw ImageLoadError(name + " could not be read completely.");
    }
    return bytes;
}

// Refuses, before any pixel is decoded, what the header alone shows to be unreadable or too large.
void checkHeader(const ImageHeader& header, const std::vector<std::uint8_t>& bytes, const std::string& name,
                 const ImageLimits& limits) {
    if (!header.decodable) {
        throw ImageLoadError(name + " is a " + header.format +
                             " image, which ConvScope cannot decode (OpenCV " + "has no " + header.format +
                             " reader); convert it to PNG first.");
    }
    if (!header.dimensionsKnown) {
        throw ImageLoadError(name + " looks like a " + header.format +
                             " file, but its header is damaged or cut off, so its size cannot be read.");
    }
    const std::string claim =
        std::to_string(header.width) + " x " + std::to_string(header.height) + " pixels";
    if (header.width == 0 || header.height == 0) {
        throw ImageLoadError(name + " claims " + claim + ", so the file is corrupt.");
    }
    // Both sides are below 2^32, so the product cannot overflow 64 bits.
    const std::uint64_t pixels = header.width * header.height;
    if (pixels > limits.maxPixels) {
        const std::string count = pixels >= 1'000'000 ? " (" + describeMegapixels(pixels) + ")" : "";
        throw ImageLoadError(name + " claims " + claim + count + "; ConvScope opens images up to " +
                             describeLimit(limits.maxPixels) + ".");
    }
    const auto maxSide = static_cast<std::uint64_t>(std::max(limits.maxSide, 0));
    if (header.width > maxSide || header.height > maxSide) {
        throw ImageLoadError(name + " claims " + claim + "; ConvScope opens images up to " +
                             std::to_string(maxSide) + " pixels on a side.");
    }
    if (!looksComplete(header, bytes.data(), bytes.size())) {
        const std::string end = header.format == "PNG" ? "its IEND chunk" : "its end-of-image marker";
        throw ImageLoadError(name + " appears truncated: the " + header.format + " data stops before " + end +
                             ".");
    }
}

int bitDepth(int depth) {
    switch (depth) {
        case CV_8U:
        case CV_8S:
            return 8;
        case CV_16U:
        case CV_16S:
        case CV_16F:
            return 16;
        case CV_32S:
        case CV_32F:
            return 32;
        default:
            return 64;
    }
}

// Any depth to CV_8U. Integer samples are rescaled to 0..255; floats are taken as 0..255 values (as
// ConvScope writes them) and clamped, with NaN read as 0.
cv::Mat toEightBit(const cv::Mat& src) {
    cv::Mat out;
    switch (src.depth()) {
        case CV_8U:
            return src;
        case CV_8S:
            src.convertTo(out, CV_8U, 1.0, 128.0);
            return out;
        case CV_16U:
            src.convertTo(out, CV_8U, 1.0 / 257.0);
            return out;
        case CV_16S:
            src.convertTo(out, CV_8U, 1.0 / 257.0, 32768.0 / 257.0);
            return out;
        case CV_32S:
            src.convertTo(out, CV_8U, 1.0 / 16843009.0, 2147483648.0 / 16843009.0);
            return out;
        default:
            break;
    }
    cv::Mat values;
    src.convertTo(values, CV_32F);
    cv::patchNaNs(values, 0.0);
    values = cv::min(cv::max(values, 0.0), 255.0);
    values.convertTo(out, CV_8U);
    return out;
}

// Alpha over a white background, rounded: c*a/255 + 255*(1 - a/255).
cv::Mat compositeOverWhite(const cv::Mat& src) {
    const int colours = src.channels() - 1;
    cv::Mat out(src.rows, src.cols, CV_8UC(colours));
    for (int y = 0; y < src.rows; ++y) {
        const std::uint8_t* in = src.ptr<std::uint8_t>(y);
        std::uint8_t* o = out.ptr<std::uint8_t>(y);
        for (int x = 0; x < src.cols; ++x, in += colours + 1, o += colours) {
            const int alpha = in[colours];
            for (int c = 0; c < colours; ++c)
                o[c] = static_cast<std::uint8_t>((in[c] * alpha + 255 * (255 - alpha) + 127) / 255);
        }
    }
    return out;
}

}  // namespace

LoadedImage decodeImage(const std::vector<std::uint8_t>& bytes, const std::string& name,
                        const ImageLimits& limits) {
    if (bytes.empty()) throw ImageLoadError(name + " is empty (0 bytes), so it holds no image.");
    if (bytes.size() > limits.maxFileBytes) {
        throw ImageLoadError(name + " is " + describeBytes(bytes.size()) + "; ConvScope opens files up to " +
                             describeBytes(limits.maxFileBytes) + ".");
    }
    const std::optional<ImageHeader> header = sniffImageHeader(bytes.data(), bytes.size());
    if (!header) {
        throw ImageLoadError(name + " is not an image ConvScope can read (supported: " + kSupportedList +
                             ").");
    }
    checkHeader(*header, bytes, name, limits);

    // JPEG holds no alpha and no 16-bit samples, so it is read as stored colour with its EXIF orientation
    // applied (photos appear upright); everything else unchanged, so alpha and 16-bit data are seen here.
    const int flags = header->format == "JPEG" ? cv::IMREAD_ANYCOLOR : cv::IMREAD_UNCHANGED;
    cv::Mat decoded;
    try {
        decoded = cv::imdecode(bytes, flags);
    } catch (const cv::Exception&) {
        decoded.release();
    }
    if (decoded.empty()) {
        throw ImageLoadError(name + " could not be decoded: the file is corrupt or not a supported image.");
    }

    LoadedImage image;
    image.format = header->format;
    image.sourceChannels = header->channels > 0 ? header->channels : decoded.channels();
    image.sourceBitDepth = bitDepth(decoded.depth());
    cv::Mat pixels = toEightBit(decoded);
    switch (pixels.channels()) {
        case 1:
        case 3:
            break;
        case 2:
        case 4:
            pixels = compositeOverWhite(pixels);
            break;
        default:
            throw ImageLoadError(name + " has " + std::to_string(pixels.channels()) +
                                 " channels; ConvScope reads grey and colour images, with or without alpha.");
    }
    // libpng hands grey + alpha over as BGRA with equal colour channels: a grey source stays grey.
    if (header->channels == 2 && pixels.channels() == 3) cv::extractChannel(pixels, pixels, 0);
    image.pixels = pixels.isContinuous() ? pixels : pixels.clone();
    return image;
}

LoadedImage loadImage(const std::string& path, const ImageLimits& limits) {
    const std::vector<std::uint8_t> bytes = readFileBytes(path, limits);
    return decodeImage(bytes, displayName(path), limits);
}

void saveImage(const std::string& path, const cv::Mat& image) {
    const std::string name = displayName(path);
    if (image.empty()) throw std::runtime_error("cannot save " + name + ": there is no image to save");
    const std::string ext = lowerExtension(path);
    const std::vector<std::string> known = supportedExtensions();
    if (std::find(known.begin(), known.end(), ext) == known.end()) {
        throw std::runtime_error("cannot save " + name + ": unsupported file type \"" +
                                 (ext.empty() ? "" : ".") + ext +
                                 "\" (use .png, .jpg, .bmp, .tif, .webp or .pgm/.ppm)");
    }
    const bool tiff = ext == "tif" || ext == "tiff";
    if (image.depth() == CV_32F && !tiff) {
        throw std::runtime_error("cannot save " + name +
                                 ": 32-bit float values can only be saved as .tif/.tiff");
    }
    if (image.depth() == CV_16U && !tiff && ext != "png") {
        throw std::runtime_error("cannot save " + name + ": 16-bit images can only be saved as .png or .tif");
    }
    if (image.depth() != CV_8U && image.depth() != CV_16U && image.depth() != CV_32F) {
        throw std::runtime_error("cannot save " + name +
                                 ": only 8-bit, 16-bit and 32-bit float images can be saved");
    }
    // The PNM variants fix the channel count: replicating grey into .ppm is lossless, dropping colour is not.
    cv::Mat toWrite = image;
    if ((ext == "pgm" || ext == "pbm") && image.channels() != 1) {
        throw std::runtime_error("cannot save " + name + ": a ." + ext +
                                 " file holds grey images only (use .ppm or .png for colour)");
    }
    if (ext == "ppm" && image.channels() == 1) cv::merge(std::vector<cv::Mat>{image, image, image}, toWrite);
    const fs::path parent = fs::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
        throw std::runtime_error("cannot save " + name + ": the folder " + parent.string() +
                                 " does not exist");
    }
    if (fs::is_directory(path, ec)) throw std::runtime_error("cannot save " + path + ": it is a folder");
    // OpenCV's default for 3-channel float TIFF is SGILOG, a lossy HDR encoding (1.5 comes back as 1.52):
    // LZW keeps every value exact.
    std::vector<int> params;
    if (tiff) params = {cv::IMWRITE_TIFF_COMPRESSION, kTiffCompressionLzw};
    bool written = false;
    try {
        written = cv::imwrite(path, toWrite, params);
    } catch (const cv::Exception& e) {
        throw std::runtime_error("cannot save " + name + ": " + e.err);
    }
    if (!written) {
        throw std::runtime_error("cannot save " + name + ": the file could not be written");
    }
}

std::vector<std::string> supportedExtensions() {
    return {"png", "jpg", "jpeg", "jpe", "bmp", "dib", "tif", "tiff", "webp", "pbm", "pgm", "ppm", "pnm"};
}

void installDecoderLimits(const ImageLimits& limits) {
    const std::string side = std::to_string(std::max(limits.maxSide, 1));
    const std::string pixels = std::to_string(std::max<std::uint64_t>(limits.maxPixels, 1));
    // The last argument 0 keeps a value the user set deliberately.
    ::setenv("OPENCV_IO_MAX_IMAGE_WIDTH", side.c_str(), 0);
    ::setenv("OPENCV_IO_MAX_IMAGE_HEIGHT", side.c_str(), 0);
    ::setenv("OPENCV_IO_MAX_IMAGE_PIXELS", pixels.c_str(), 0);
}

}  // namespace convscope::imaging
