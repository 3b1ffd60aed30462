#include "app/gui/spectral_cache.h"

#include <QStandardPaths>
#include <QTimer>

#include "core/imaging/filter_cost_model.h"
#include "core/spectral/fft_planner.h"

namespace convscope::gui {

SpectralCache::SpectralCache(QString directory, QObject* parent)
    : QObject(parent),
      m_directory(directory.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
                                      : directory) {}

SpectralCache::~SpectralCache() {
    if (m_thread) m_thread->wait();
}

void SpectralCache::loadLater(int delayMs) {
    QTimer::singleShot(delayMs, this, &SpectralCache::load);
}

void SpectralCache::load() {
    if (m_thread || m_directory.isEmpty()) return;
    const std::string dir = m_directory.toStdString();
    auto problem = std::make_shared<QString>();
    m_thread.reset(QThread::create([dir, problem] {
        std::string error;
        if (!spectral::FftPlanner::instance().loadWisdom(dir, &error))
            *problem = QString::fromStdString(error);
        const std::string modelProblem = imaging::loadOrCalibrateCostModel(dir);
        if (!modelProblem.empty()) *problem = QString::fromStdString(modelProblem);
    }));
    m_thread->setObjectName(QStringLiteral("spectral cache"));
    connect(m_thread.get(), &QThread::finished, this, [this, problem] {
        m_ready = true;
        Q_EMIT ready(*problem);
    });
    m_thread->start(QThread::LowPriority);
}

QString SpectralCache::save() const {
    if (m_directory.isEmpty()) return {};
    std::string error;
    if (!spectral::FftPlanner::instance().saveWisdom(m_directory.toStdString(), &error))
        return QString::fromStdString(error);
    return {};
}

}  // namespace convscope::gui
