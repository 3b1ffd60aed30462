#include "app/gui/filters/pixel_readout.h"

#include <QCoreApplication>

#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {

QVector<double> toVector(const std::vector<double>& v) {
    return QVector<double>(v.begin(), v.end());
}

QString tr(const char* text) {
    return QCoreApplication::translate("PixelReadout", text);
}

}  // namespace

widgets::PixelInspectorData inspectorData(const imaging::PixelInspection& inspection,
                                          const QString& channelName, const imaging::FilterOptions& options) {
    widgets::PixelInspectorData data;
    data.x = inspection.x;
    data.y = inspection.y;
    data.channel = channelName;
    data.rows = inspection.rows;
    data.cols = inspection.cols;
    data.inputs = toVector(inspection.inputs);
    data.outside = QVector<bool>(inspection.outside.begin(), inspection.outside.end());
    data.weights = toVector(inspection.weights);
    data.products = toVector(inspection.products);
    data.sum = inspection.sum;
    data.borderName = borderName(options.border);
    data.modeName =
        options.mode == imaging::CorrelationMode::Convolve ? tr("convolution") : tr("correlation");
    return data;
}

QRect kernelFootprint(const common::Kernel& kernel, imaging::CorrelationMode mode, const QPoint& pixel) {
    // Correlation reads I(y + m, x + n) for m in -anchorRow .. rows-1-anchorRow; convolution reads I(y - m, x
    // - n) over the same m, i.e. from y - (rows-1-anchorRow) to y + anchorRow.
    const bool flip = mode == imaging::CorrelationMode::Convolve;
    const int top = pixel.y() - (flip ? kernel.rows() - 1 - kernel.anchorRow() : kernel.anchorRow());
    const int left = pixel.x() - (flip ? kernel.cols() - 1 - kernel.anchorCol() : kernel.anchorCol());
    return QRect(left, top, kernel.cols(), kernel.rows());
}

QString resultValuesText(const cv::Mat& values, int x, int y) {
    if (values.empty() || x < 0 || y < 0 || x >= values.cols || y >= values.rows) return {};
    if (values.channels() == 1) return widgets::formatValue(values.ptr<float>(y)[x]);
    const float* p = values.ptr<float>(y) + 3 * x;
    return QStringLiteral("R %1 G %2 B %3")
        .arg(widgets::formatValue(p[2]), widgets::formatValue(p[1]), widgets::formatValue(p[0]));
}

QString inspectedValuesText(const cv::Mat& src, const common::Kernel& kernel,
                            const imaging::FilterOptions& options, const QPoint& pixel) {
    auto sum = [&](int channel) {
        return imaging::inspectPixel(src, kernel, options, pixel.x(), pixel.y(), channel).sum;
    };
    if (options.grayscale || src.channels() == 1) return widgets::formatValue(sum(0));
    return QStringLiteral("R %1 G %2 B %3")
        .arg(widgets::formatValue(sum(2)), widgets::formatValue(sum(1)), widgets::formatValue(sum(0)));
}

QString cursorText(const QPoint& pixel, const QString& input, const QString& output) {
    QString text = QStringLiteral("x %1  y %2 · in %3").arg(pixel.x()).arg(pixel.y()).arg(input);
    if (!output.isEmpty()) text += QStringLiteral(" · out ") + output;
    return text;
}

QString borderName(imaging::BorderMode border) {
    switch (border) {
        case imaging::BorderMode::Zero:
            return tr("zero");
        case imaging::BorderMode::Reflect101:
            return tr("reflect-101");
        case imaging::BorderMode::Replicate:
            return tr("replicate");
        case imaging::BorderMode::Wrap:
            return tr("wrap");
    }
    return {};
}

}  // namespace convscope::gui
