#include "app/gui/training/label_smoothing_view.h"

#include <QLocale>
#include <QPainter>

#include "core/nn/train/label_smoothing_targets.h"

namespace convscope::gui {

namespace {

const QColor kSmoothingTrueColour(
    230, 97, 0);  // the true class: the palette's orange, as the Costs page's first series
const QColor kSmoothingOtherColour(59, 117, 175);  // the other classes

QString smoothingProbabilityText(double p) {
    return QLocale(QLocale::English).toString(p, 'f', 3);
}

}  // namespace

LabelSmoothingView::LabelSmoothingView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("trainLabelSmoothingView"));
    setToolTip(
        tr("The target each training image is scored against: its true class (orange) gets 1 − ε + ε/K "
           "and every other class ε/K, so the model is not pushed towards ever more confident logits"));
    recompute();
}

void LabelSmoothingView::setEpsilon(double epsilon) {
    if (epsilon == m_epsilon) return;
    m_epsilon = epsilon;
    recompute();
}

void LabelSmoothingView::setClasses(int classes) {
    if (classes == m_classes || classes < 2) return;
    m_classes = classes;
    recompute();
}

void LabelSmoothingView::recompute() {
    const std::vector<double> q = nn::smoothedTargets(m_classes, 0, m_epsilon);
    m_probabilities = QVector<double>(q.begin(), q.end());
    update();
}

QSize LabelSmoothingView::sizeHint() const {
    return {260, 150};
}

QSize LabelSmoothingView::minimumSizeHint() const {
    return {200, 130};
}

void LabelSmoothingView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    const int line = fm.height();
    // Room for the rotated value title and the tick labels on the left, the class numbers and the category
    // title below, the two values above the bars.
    const QRect plot(line + fm.horizontalAdvance(QStringLiteral("0.5")) + 8, line + 6,
                     width() - (line + fm.horizontalAdvance(QStringLiteral("0.5")) + 8) - 6,
                     height() - 3 * line - 12);
    if (plot.width() < 20 || plot.height() < 20) return;
    const QColor text = palette().color(QPalette::WindowText);
    const auto yOf = [&](double v) { return plot.bottom() - v * plot.height(); };

    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    for (double v : {0.0, 0.5, 1.0}) {
        const double y = yOf(v);
        p.drawLine(QPointF(plot.left() - 3, y), QPointF(plot.right(), y));
        p.setPen(text);
        p.drawText(QRectF(0, y - line / 2.0, plot.left() - 5, line), Qt::AlignRight | Qt::AlignVCenter,
                   v == 0.5 ? QStringLiteral("0.5") : QString::number(int(v)));
        p.setPen(QPen(palette().color(QPalette::Mid), 1));
    }

    const int k = int(m_probabilities.size());
    const double slot = double(plot.width()) / k;
    for (int c = 0; c < k; ++c) {
        const double v = m_probabilities[c];
        const QRectF bar(plot.left() + c * slot + slot * 0.15, yOf(v), slot * 0.7, plot.bottom() - yOf(v));
        p.fillRect(bar, c == 0 ? kSmoothingTrueColour : kSmoothingOtherColour);
        p.setPen(text);
        p.drawText(QRectF(plot.left() + c * slot, plot.bottom() + 2, slot, line), Qt::AlignCenter,
                   QString::number(c));
        // The two distinct values: above the true class, from its bar's left edge (clear of the tick labels),
        // and above the last class, ending at its bar's right edge, so the two never meet whatever ε is.
        if (c == 0)
            p.drawText(QRectF(bar.left(), bar.top() - line - 1, 4 * slot, line),
                       Qt::AlignLeft | Qt::AlignBottom, smoothingProbabilityText(v));
        else if (c == k - 1)
            p.drawText(QRectF(bar.right() - 4 * slot, bar.top() - line - 1, 4 * slot, line),
                       Qt::AlignRight | Qt::AlignBottom, smoothingProbabilityText(v));
    }

    p.setPen(text);
    p.drawText(QRectF(plot.left(), plot.bottom() + line + 4, plot.width(), line), Qt::AlignCenter,
               tr("Class (0: the true class, K = %1)").arg(k));
    p.save();
    p.translate(2, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2.0 - 20, 0, plot.height() + 40, line), Qt::AlignCenter,
               tr("Target probability"));
    p.restore();
}

}  // namespace convscope::gui
