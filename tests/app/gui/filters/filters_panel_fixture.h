#pragma once

// Shared by the Filters panel tests: a structured test image, the expected display computed by the engine's
// separate steps (not the panel's fused path), pixel comparison and a shown panel with its document.

#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "app/gui/document/image_document.h"
#include "app/gui/filters/filter_view_stack.h"
#include "app/gui/filters/filters_panel.h"
#include "core/imaging/filter_engine.h"
#include "core/imaging/kernel_library.h"
#include "widgets/image/image_view.h"
#include "widgets/image/pixel_inspector_view.h"
#include "widgets/image/tile_grid_view.h"
#include "widgets/kernel/kernel_grid_editor.h"

using convscope::common::Kernel;
using convscope::gui::FiltersPanel;
using convscope::gui::ImageDocument;
namespace imaging = convscope::imaging;
namespace widgets = convscope::widgets;

namespace convscope::tests {

// 64x48 colour image with structure in every channel: ramps, a bright square and a diagonal edge.
inline cv::Mat testImage(int width = 64, int height = 48) {
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            uchar* p = image.ptr<uchar>(y) + 3 * x;
            p[0] = static_cast<uchar>((x * 4) % 256);
            p[1] = static_cast<uchar>((x > 20 && x < 40 && y > 10 && y < 30) ? 230 : 30 + y);
            p[2] = static_cast<uchar>(x + y > 60 ? 200 : 15);
        }
    }
    return image;
}

// What the panel must show: the engine's two separate steps, not the fused path the panel uses.
inline cv::Mat expectedDisplay(const cv::Mat& image, const Kernel& kernel,
                               const imaging::FilterOptions& options, const imaging::DisplayOptions& display,
                               cv::Mat* valuesOut = nullptr) {
    const cv::Mat values = imaging::filterImage(image, kernel, options);
    double lo = 0, hi = 0;
    cv::minMaxLoc(values.reshape(1), &lo, &hi);
    cv::Mat out;
    imaging::renderDisplay(values, imaging::ValueRange{lo, hi}, display, out);
    if (valuesOut) *valuesOut = values;
    return out;
}

// The views get RGB32 (B, G, R, 0xff in memory); the engine's pictures are Grayscale8 or BGR888.
inline bool samePixels(const QImage& image, const cv::Mat& mat) {
    if (image.isNull() || image.width() != mat.cols || image.height() != mat.rows) return false;
    const int channels = mat.channels();
    for (int y = 0; y < mat.rows; ++y) {
        const uchar* expected = mat.ptr(y);
        if (image.format() == QImage::Format_RGB32) {
            const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
            for (int x = 0; x < mat.cols; ++x) {
                const uchar* e = expected + x * channels;
                const QRgb p = line[x];
                const bool same = channels == 1 ? qRed(p) == e[0] && qGreen(p) == e[0] && qBlue(p) == e[0]
                                                : qBlue(p) == e[0] && qGreen(p) == e[1] && qRed(p) == e[2];
                if (!same) return false;
            }
        } else {
            const bool formatFits = channels == 1 ? image.format() == QImage::Format_Grayscale8
                                                  : image.format() == QImage::Format_BGR888;
            if (!formatFits ||
                std::memcmp(image.constScanLine(y), expected, static_cast<size_t>(mat.cols * channels)) != 0)
                return false;
        }
    }
    return true;
}

template <typename T>
inline T* child(QWidget& panel, const char* name) {
    T* w = panel.findChild<T*>(QString::fromLatin1(name));
    if (!w) qFatal("no child %s", name);
    return w;
}

inline void clearSettings() {
    QSettings(QSettings::IniFormat, QSettings::UserScope, "ConvScope", "ConvScope").clear();
}

// A panel as the main window makes it: built, then its saved state restored.
struct Fixture {
    ImageDocument document;
    FiltersPanel panel{&document};
    Fixture() {
        panel.restoreState();
        panel.resize(1400, 800);
        panel.show();
    }
};

inline void selectPreset(FiltersPanel& panel, const char* name) {
    auto* combo = child<QComboBox>(panel, "presetCombo");
    const int index = combo->findData(QString::fromLatin1(name));
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}

}  // namespace convscope::tests
