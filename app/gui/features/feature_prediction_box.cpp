#include "app/gui/features/feature_prediction_box.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>

#include "app/gui/features/feature_tiles.h"

namespace convscope::gui {

namespace {

const QColor kRight(0, 120, 60);
const QColor kWrong(190, 30, 30);

QString className(const FeatureFrame& f, int index) {
    return index >= 0 && index < f.classNames.size() ? f.classNames[index]
                                                     : QObject::tr("class %1").arg(index);
}

QString percent(float p) {
    return QStringLiteral("%1 %").arg(100.0 * p, 0, 'f', 1);
}

}  // namespace

FeaturePredictionBox::FeaturePredictionBox(QWidget* parent) : QGroupBox(tr("Input and prediction"), parent) {
    m_input = new QLabel;
    m_input->setObjectName(QStringLiteral("featureInput"));
    m_input->setFixedSize(kInputSide, kInputSide);
    m_input->setAlignment(Qt::AlignCenter);
    m_input->setStyleSheet(QStringLiteral("background: #202020;"));
    m_inputCaption = new QLabel;
    m_inputCaption->setWordWrap(true);
    m_prediction = new QLabel;
    m_prediction->setObjectName(QStringLiteral("featurePrediction"));
    m_prediction->setTextFormat(Qt::RichText);
    m_prediction->setWordWrap(true);
    m_prediction->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto* inputColumn = new QVBoxLayout;
    inputColumn->addWidget(m_input);
    inputColumn->addWidget(m_inputCaption);
    inputColumn->addStretch(1);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(inputColumn);
    layout->addWidget(m_prediction, 1);
    clear();
}

void FeaturePredictionBox::clear() {
    m_input->clear();
    m_inputCaption->clear();
    m_prediction->setText(tr("No prediction yet."));
    m_plain.clear();
}

void FeaturePredictionBox::setFrame(const FeatureFrame& f) {
    if (f.input.isNull()) {
        m_input->clear();
        m_inputCaption->clear();
    } else {
        // Sharp pixels at a whole factor: this is the 28×28 grid the first layer really sees.
        const QImage big = enlargedPixels(f.input, kInputSide);
        m_input->setPixmap(QPixmap::fromImage(
            big.width() > kInputSide
                ? big.scaled(kInputSide, kInputSide, Qt::KeepAspectRatio, Qt::FastTransformation)
                : big));
        m_inputCaption->setText(tr("as the model sees it, %1×%2").arg(f.input.width()).arg(f.input.height()));
    }
    QVector<int> order(f.scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&f](int a, int b) { return f.scores[a] > f.scores[b]; });
    QString html = tr("<b>Prediction</b>");
    QStringList plain;
    html += QStringLiteral("<table cellspacing='0' cellpadding='1'>");
    for (int i = 0; i < std::min<qsizetype>(3, order.size()); ++i) {
        const int c = order[i];
        const QString name = className(f, c).toHtmlEscaped();
        html += QStringLiteral("<tr><td>%1%2%3</td><td align='right'>&nbsp;&nbsp;%4</td></tr>")
                    .arg(i == 0 ? QStringLiteral("<b>") : QString(), name,
                         i == 0 ? QStringLiteral("</b>") : QString(), percent(f.scores[c]));
        plain << QStringLiteral("%1 %2").arg(className(f, c), percent(f.scores[c]));
    }
    html += QStringLiteral("</table>");
    if (f.trueLabel >= 0 && !order.isEmpty()) {
        const bool right = order.front() == f.trueLabel;
        const QString verdict = right ? tr("right") : tr("wrong");
        html += tr("True class: %1<br><span style='color:%2'><b>%3 %4</b></span>")
                    .arg(className(f, f.trueLabel).toHtmlEscaped(), (right ? kRight : kWrong).name(),
                         right ? QStringLiteral("✓") : QStringLiteral("✗"), verdict);
        plain << tr("True class: %1 (%2)").arg(className(f, f.trueLabel), verdict);
    }
    m_prediction->setText(html);
    m_plain = plain.join(QLatin1Char('\n'));
}

QString FeaturePredictionBox::predictionText() const {
    return m_plain;
}

}  // namespace convscope::gui
