#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace convscope::gui {

/// One term of a Grad-CAM-family cell (nn::CellTerm as a Qt value): the cell's value is the sum of them.
struct ExplainTerm {
    int channel = 0;  ///< −1: the sum of the channels left out of a long list (see ExplainMap::kMaxTerms)
    float term = 0.0f;
    float weight = 0.0f;  ///< α_k (Grad-CAM), w_k (Grad-CAM++) or ∂y_c/∂A_k(i, j) (HiResCAM)
    float activation = 0.0f;
    int omitted = 0;  ///< for channel −1: how many channels that row sums
};

/// One attribution map as Qt values: the raw map, its overlay over the input and how it was scaled.
struct ExplainMap {
    QString method;  ///< the command line's name, "gradcam", "saliency", …
    QString title;   ///< "Grad-CAM", "Saliency", …
    QString layer;   ///< the tap of a Grad-CAM-family map ("conv2"), else empty
    bool atLayer = false;
    int rows = 0, cols = 0;
    QVector<float> values;  ///< rows × cols, row-major, raw (before the display's ReLU and scaling)
    QImage overlay;         ///< the map blended over the input (common::renderOverlay), Format_RGB888
    bool relu = false, diverging = false;
    double scale = 0.0;  ///< the raw value drawn at full colour (max, or max |v| when diverging)
    QString note;        ///< what else the method reports (integrated gradients' completeness, …)
    /// Grad-CAM family: what the cells are made of, so that a hovered cell's terms are computed when asked
    /// for rather than for every cell of every map up front. `channels` is the tap's K (0 for other
    /// methods); `activation` is A, K × rows × cols; `weights` the channel weights (K: Grad-CAM's α_k,
    /// Grad-CAM++'s w_k) or, for HiResCAM, the gradients ∂y_c/∂A (K × rows × cols).
    int channels = 0;
    QVector<float> activation;
    QVector<float> weights;

    static constexpr int kMaxTerms = 64;  ///< a cell lists at most this many channels, then their rest
    bool hasTerms() const { return channels > 0; }
    float value(int row, int col) const { return values.value(row * cols + col); }
    /// Cell (row, col) as the sum of its channels' terms weight·A_k(i, j), largest magnitude first; beyond
    /// kMaxTerms the rest are summed in one row (channel −1), so the list still adds up to the cell. Empty
    /// without terms or outside the map.
    QVector<ExplainTerm> cellTerms(int row, int col) const;
};

/// Every attribution method for one image and one target class, and the Grad-CAM layer strip.
struct ExplainFrame {
    QString source;       ///< "test image 42 (Coat)" or "building.jpg: 868×600 colour → … → 28×28"
    QString modelSource;  ///< the checkpoint's path, the model's title and its training step
    QImage input;         ///< the input as the model sees it, Grayscale8 (first channel), denormalised
    int predicted = -1;
    int target = -1;     ///< the class explained (the predicted one unless another was asked for)
    int trueLabel = -1;  ///< −1 when unknown (a photograph)
    QVector<float> probabilities;
    QStringList classNames;
    QVector<ExplainMap> methods;  ///< nn::attributionMethods()' order
    QVector<ExplainMap> strip;    ///< Grad-CAM at every spatial tap, in forward order
    qint64 step = -1;             ///< a live snapshot's training step; −1 for a checkpoint's explanation

    bool isEmpty() const { return methods.isEmpty(); }
    int mapCount() const { return int(methods.size() + strip.size()); }
    /// Methods first, then the strip: the index the panel's views use.
    const ExplainMap& map(int index) const {
        return index < methods.size() ? methods[index] : strip[index - methods.size()];
    }
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ExplainFrame)
