#include "app/gui/explain/explain_text.h"

#include <QCoreApplication>

#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {
QString explainTr(const char* text) {
    return QCoreApplication::translate("convscope::gui::ExplainText", text);
}
}  // namespace

QString displayConvention(const ExplainMap& map) {
    const QString scale = widgets::formatValue(map.scale, 2);
    if (map.scale <= 0.0)
        return map.relu ? explainTr("ReLU, nothing positive") : explainTr("zero everywhere");
    if (map.diverging) return explainTr("signed, ±%1").arg(scale);
    if (map.relu) return explainTr("ReLU, scaled to max %1").arg(scale);
    return explainTr("|gradient|, scaled to max %1").arg(scale);
}

QString layerCaption(const ExplainMap& map) {
    return QStringLiteral("%1 · %2×%3").arg(map.layer).arg(map.rows).arg(map.cols);
}

QString termWeightName(const ExplainMap& map) {
    if (map.method == QLatin1String("hirescam")) return QStringLiteral("∂y_c/∂A_k(i,j)");
    if (map.method == QLatin1String("gradcampp")) return QStringLiteral("w_k");
    return QStringLiteral("α_k");
}

QString explainClassName(const ExplainFrame& frame, int index) {
    return index >= 0 && index < frame.classNames.size() ? frame.classNames[index]
                                                         : explainTr("class %1").arg(index);
}

}  // namespace convscope::gui

namespace convscope::gui {

QString methodDescription(const QString& method) {
    if (method == QLatin1String("gradcam"))
        return explainTr(
            "Grad-CAM: the last spatial layer's channels A_k, each weighted by its average gradient α_k, "
            "summed, then ReLU. Hover a cell to see its terms α_k·A_k(i,j).");
    if (method == QLatin1String("gradcampp"))
        return explainTr(
            "Grad-CAM++: like Grad-CAM, with weights w_k built from positive gradients and their higher "
            "powers, so that several instances of a class all count.");
    if (method == QLatin1String("hirescam"))
        return explainTr(
            "HiResCAM: each cell's own gradient times its activation, summed over channels: no averaging, "
            "so the map shows exactly what raised the score at that cell.");
    if (method == QLatin1String("saliency"))
        return explainTr("Saliency: |∂y_c/∂x|, how much the score would change if a pixel changed a little.");
    if (method == QLatin1String("smoothgrad"))
        return explainTr(
            "SmoothGrad: saliency averaged over noisy copies of the input, which removes much of its "
            "speckle.");
    if (method == QLatin1String("integratedgradients") || method == QLatin1String("ig"))
        return explainTr(
            "Integrated gradients: (x − baseline) times the gradient averaged along the straight path "
            "from a baseline of 0 in the normalised input (the dataset's mean grey); the attributions sum to "
            "the score's change. Red raises the score, "
            "blue lowers it.");
    if (method == QLatin1String("occlusion"))
        return explainTr(
            "Occlusion: how much the score drops when a small window over the pixel is replaced by the "
            "baseline (0 in the normalised input: the dataset's mean grey). "
            "Red: hiding it lowers the score; blue: hiding it raises the score.");
    return {};
}

}  // namespace convscope::gui
