#include "app/gui/shell/startup_notices.h"

#include <QLabel>
#include <QStatusBar>
#include <QtDebug>

namespace convscope::gui {

StartupNotices::StartupNotices(QStatusBar* bar) : QObject(bar) {
    m_label = new QLabel;
    m_label->setObjectName(QStringLiteral("startupNotice"));
    m_label->hide();
    bar->addPermanentWidget(m_label);
}

void StartupNotices::add(const QString& notice) {
    if (notice.isEmpty() || m_notices.contains(notice)) return;
    m_notices.append(notice);
    qInfo().noquote() << "ConvScope:" << notice;
    m_label->setText(m_notices.size() == 1 ? tr("⚠ 1 start-up notice")
                                           : tr("⚠ %1 start-up notices").arg(m_notices.size()));
    m_label->setToolTip(m_notices.join(QLatin1Char('\n')));
    m_label->show();
}

}  // namespace convscope::gui
