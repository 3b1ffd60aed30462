#pragma once

#include <QRectF>
#include <QString>
#include <QVector>
#include <QWidget>

class QPainter;

namespace convscope::widgets {

/// Which input channels feed which output channels.
struct ChannelWiring {
    int inChannels = 1;
    int outChannels = 1;
    int groups = 1;         ///< in/out split into `groups` equal parts; part g feeds only part g
    bool oneToOne = false;  ///< pooling: channel c to channel c (no weights)
    int highlightOut = -1;  ///< output channel of the current step; its inputs' edges are drawn bold
    QString caption;        ///< "groups = 2: each filter sees 2 of 4 input channels · 2·(2·3·3) weights"
    /// ShuffleNet's channel shuffle after the layer, drawn as a third column: shuffled channel i is output
    /// channel shuffle[i] (reshape (g, C/g) → transpose → flatten). Empty: no shuffle.
    QVector<int> shuffle;
};

/// Draws input channels as a column of boxes on the left, output channels on the right and an edge for every
/// (input, output) pair that shares weights, coloured by group. Above ~24 channels per side the boxes are
/// thinned with an ellipsis and the counts written out.
class ChannelWiringView : public QWidget {
    Q_OBJECT
public:
    explicit ChannelWiringView(QWidget* parent = nullptr);

    void setWiring(const ChannelWiring& wiring);
    const ChannelWiring& wiring() const { return m_wiring; }
    /// Number of edges drawn for the current wiring (in/groups · out when not one-to-one), for tests.
    int edgeCount() const;
    /// Why the wiring cannot be drawn ("groups = 3 must divide ..."), or empty when it is valid.
    QString problem() const;
    /// Whether the shuffle column is drawn (a valid permutation of few enough output channels).
    bool drawsShuffle() const;
    /// Where the last paint put shuffled channel `position`'s box (empty before a paint or without shuffle).
    QRectF shuffledBox(int position) const;
    /// The colour of group `group`'s edges and boxes (Tableau 10, repeating).
    static QColor groupColor(int group);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paintColumn(QPainter& painter, const QVector<int>& entries, bool inputs, int x, int top,
                     double slotH, int boxW) const;
    int groupOfInput(int channel) const;
    int groupOfOutput(int channel) const;
    void paintShuffle(QPainter& painter, const QVector<int>& outSlots, int outX, int shuffleX, int top,
                      double slotH, int boxW) const;

    ChannelWiring m_wiring;
    mutable QVector<QRectF> m_shuffledBoxes;  ///< by shuffled position, from the last paint
};

}  // namespace convscope::widgets
