#pragma once

#include <QImage>
#include <QMetaType>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

namespace convscope::gui {

enum class EmbeddingMethod { Pca, Tsne };

/// What the Training panel's Embedding tab asks its worker for: a saved model's activations at one tap for a
/// fixed, seeded subset of its test set, projected to 2-D.
struct EmbeddingRequest {
    QString checkpointPath;
    /// Fashion-MNIST's folder (empty: Debian's); a run trained on an image folder reads that folder's test
    /// split instead, as its checkpoint says.
    QString dataDirectory;
    EmbeddingMethod method = EmbeddingMethod::Pca;
    QString tap;           ///< empty: the penultimate layer (nn::defaultEmbeddingTap)
    int maxImages = 1000;  ///< the subset's size, spread evenly over the classes
    quint64 seed = 1;      ///< the subset's and t-SNE's
    int k = 5;             ///< the kNN accuracy's neighbours
    double perplexity = 30.0;
    int iterations = 1000;  ///< t-SNE's
};

/// The answer to an EmbeddingRequest, as Qt values: one point per chosen test image.
struct EmbeddingFrame {
    EmbeddingRequest request;    ///< what this frame answers
    QString modelTitle;          ///< "LeNet-5"
    qint64 step = 0;             ///< the checkpoint's training step
    QString tap;                 ///< the tap the activations come from
    QString defaultTap;          ///< the penultimate layer's tap
    QStringList taps;            ///< every tap of the model, input to output
    int dims = 0;                ///< the activations' dimension (channels after pooling over H×W)
    QVector<QPointF> points;     ///< 2-D
    QVector<int> labels;         ///< each point's true class
    QVector<int> indices;        ///< each point's index in the test set (ascending)
    QVector<QImage> thumbnails;  ///< each point's test image, at most 64 pixels wide and high
    QStringList classNames;
    /// PCA: every component's share of the centred activations' variance, largest first.
    QVector<double> explainedVarianceRatio;
    double knnAccuracy = 0.0;    ///< leave-one-out kNN accuracy in the activations' own space
    double knnAccuracy2d = 0.0;  ///< the same in the 2-D projection
    double perplexity = 0.0;     ///< t-SNE: the perplexity used (lowered for a small subset)
    bool barnesHut = false;
    double klDivergence = 0.0;
    double seconds = 0.0;  ///< the whole computation's

    bool isEmpty() const { return points.isEmpty(); }
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::EmbeddingRequest)
Q_DECLARE_METATYPE(convscope::gui::EmbeddingFrame)
