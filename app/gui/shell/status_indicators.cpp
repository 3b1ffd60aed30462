#include "app/gui/shell/status_indicators.h"

#include <QFontDatabase>
#include <QFrame>
#include <QLabel>
#include <QStatusBar>

namespace convscope::gui {

StatusIndicators::StatusIndicators(QStatusBar* bar) : QObject(bar) {
    m_cursor = new QLabel;
    m_cursor->setObjectName(QStringLiteral("cursorInfoLabel"));
    m_cursor->setToolTip(tr("Position and values under the mouse pointer"));
    // Fixed-width digits keep the field from jittering as the pointer moves.
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_cursor->setFont(mono);
    m_cursor->setMinimumWidth(QFontMetrics(mono).horizontalAdvance(QString(44, QLatin1Char('0'))));
    m_size = new QLabel;
    m_size->setObjectName(QStringLiteral("imageSizeLabel"));
    m_size->setToolTip(tr("Size and colour of the open image"));
    m_zoom = new QLabel;
    m_zoom->setObjectName(QStringLiteral("zoomLabel"));
    m_zoom->setMinimumWidth(m_zoom->fontMetrics().horizontalAdvance(tr("Zoom %1 %").arg(1600)));
    // Fusion draws no frame around permanent widgets: thin rules keep the three fields apart.
    auto rule = [] {
        auto* line = new QFrame;
        line->setFrameShape(QFrame::VLine);
        line->setFrameShadow(QFrame::Sunken);
        return line;
    };
    m_cursorRule = rule();
    bar->addPermanentWidget(m_cursor);
    bar->addPermanentWidget(m_cursorRule);
    bar->addPermanentWidget(m_size);
    bar->addPermanentWidget(rule());
    bar->addPermanentWidget(m_zoom);
    for (QLabel* label : {m_cursor, m_size, m_zoom}) label->setContentsMargins(4, 0, 4, 0);
    m_cursor->hide();
    m_cursorRule->hide();
}

void StatusIndicators::setImageSize(int width, int height, int channels) {
    if (width <= 0) {
        m_size->clear();
        return;
    }
    const QString colour = channels == 1 ? tr("gray") : tr("RGB");
    m_size->setText(tr("%1 × %2 · %3").arg(width).arg(height).arg(colour));
}

void StatusIndicators::setCursorInfo(const QString& text) {
    m_cursor->setText(text);
    // Hidden while the pointer is off the images, so a long transient message has the room.
    m_cursor->setVisible(!text.isEmpty());
    m_cursorRule->setVisible(!text.isEmpty());
}

void StatusIndicators::setZoom(double zoom) {
    m_zoom->setText(tr("Zoom %1 %").arg(percentText(zoom)));
}

void StatusIndicators::setZoomVisible(bool visible) {
    m_zoom->setVisible(visible);
}

QString StatusIndicators::percentText(double zoom) {
    const double percent = zoom * 100.0;
    QString text = QString::number(percent, 'f', percent < 10.0 ? 2 : percent < 100.0 ? 1 : 0);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0'))) text.chop(1);
        if (text.endsWith(QLatin1Char('.'))) text.chop(1);
    }
    return text;
}

}  // namespace convscope::gui
