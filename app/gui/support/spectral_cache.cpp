#include "app/gui/support/spectral_cache.h"

#include <QStandardPaths>
#include <QTimer>

#include "core/imaging/filter_cost_model.h"
#include "core/spectral/fft_planner.h"

namespace convscope::gui {

SpectralCache::SpectralCache(QString directory, QObject* parent)
    : QObject(parent),
      m_directory(directory.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
                                      : directory),
      m_jobs(QStringLiteral("spectral cache"), 1, this) {
    m_jobs.setPriority(QThread::LowPriority);
}

SpectralCache::~SpectralCache() = default;

void SpectralCache::loadLater(int delayMs) {
    QTimer::singleShot(delayMs, this, &SpectralCache::load);
}

void SpectralCache::load() {
    if (m_jobs.isStarted() || m_directory.isEmpty()) return;
    m_jobs.run(
        0,
        [dir = m_directory.toStdString()](const JobToken&) {
            QString problem;
            std::string error;
            if (!spectral::FftPlanner::instance().loadWisdom(dir, &error))
                problem = QString::fromStdString(error);
            const std::string modelProblem = imaging::loadOrCalibrateCostModel(dir);
            // Both may have been set aside: neither sentence is lost.
            if (!modelProblem.empty())
                problem += (problem.isEmpty() ? QString() : QStringLiteral(" ")) +
                           QString::fromStdString(modelProblem);
            return problem;
        },
        [this](const QString& problem) {
            m_ready = true;
            Q_EMIT ready(problem);
        });
}

QString SpectralCache::save() const {
    if (m_directory.isEmpty()) return {};
    std::string error;
    if (!spectral::FftPlanner::instance().saveWisdom(m_directory.toStdString(), &error))
        return QString::fromStdString(error);
    return {};
}

}  // namespace convscope::gui
