#pragma once

#include <QObject>
#include <QStringList>

class QLabel;
class QStatusBar;

namespace convscope::gui {

/// Damaged files found while the application starts (the settings file, the FFTW wisdom, the filter cost
/// model; common::CorruptFile sets them aside) and caches that cannot be written: a permanent label at the
/// right of the status bar ("⚠ 1 start-up notice", every sentence in its tooltip), so that start-up never
/// waits on a dialog and the image's own messages do not hide it. Each notice is logged as well (qInfo).
class StartupNotices : public QObject {
    Q_OBJECT

public:
    explicit StartupNotices(QStatusBar* bar);

    /// Adds a sentence (ignored when empty).
    void add(const QString& notice);
    QStringList notices() const { return m_notices; }

private:
    QLabel* m_label = nullptr;
    QStringList m_notices;
};

}  // namespace convscope::gui
