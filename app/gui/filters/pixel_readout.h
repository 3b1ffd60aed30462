#pragma once

#include <QPoint>
#include <QRect>
#include <QString>

#include <opencv2/core/mat.hpp>

#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"
#include "core/imaging/pixel_inspection.h"
#include "widgets/image/pixel_inspector_view.h"

namespace convscope::gui {

/// The engine's explanation of one output pixel in the inspector widget's terms. `channelName` is what the
/// inspector calls the channel ("R", "G", "B", "Gray").
widgets::PixelInspectorData inspectorData(const imaging::PixelInspection& inspection,
                                          const QString& channelName, const imaging::FilterOptions& options);

/// The input pixels that output pixel `pixel` reads: the kernel's rectangle around it, placed by the
/// anchor for correlation and by the flipped anchor for convolution (they differ for even sizes).
QRect kernelFootprint(const common::Kernel& kernel, imaging::CorrelationMode mode, const QPoint& pixel);

/// "R 3.25 G 1 B −2" for a 3-channel float result (stored BGR), "3.25" for one channel; empty outside.
QString resultValuesText(const cv::Mat& values, int x, int y);

/// The output at `pixel` of every channel of filterImage(src, kernel, options), computed by the engine's
/// inspector (kernel-sized work): same format as resultValuesText. Throws what inspectPixel throws.
QString inspectedValuesText(const cv::Mat& src, const common::Kernel& kernel,
                            const imaging::FilterOptions& options, const QPoint& pixel);

/// The status bar's cursor read-out: "x 120  y 45 · in R 12 G 34 B 56 · out R 3.25 G 1 B −2".
QString cursorText(const QPoint& pixel, const QString& input, const QString& output);

/// User-facing name of a border rule, as the inspector's legend uses it ("reflect-101").
QString borderName(imaging::BorderMode border);

}  // namespace convscope::gui
