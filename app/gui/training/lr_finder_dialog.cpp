#include "app/gui/training/lr_finder_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <stdexcept>

#include "app/gui/training/training_form.h"
#include "app/gui/training/training_start_box.h"
#include "widgets/common/number_text.h"
#include "widgets/plot/line_plot_view.h"

namespace convscope::gui {

LrFinderDialog::LrFinderDialog(QWidget* parent)
    : QDialog(parent), m_jobs(QStringLiteral("lr-finder"), 1, this) {
    qRegisterMetaType<TrainingRequest>();
    qRegisterMetaType<LrFinderOutcome>();
    setObjectName(QStringLiteral("lrFinderDialog"));
    setWindowTitle(tr("Find a Learning Rate"));
    setModal(false);

    auto* intro = new QLabel(
        tr("The learning-rate range test: from the run's initial weights, one batch per step, the learning "
           "rate grows geometrically; the test stops when the smoothed loss passes four times its best. "
           "A good rate lies where the loss still falls steeply, well before its minimum."));
    intro->setWordWrap(true);
    m_plot = new widgets::LinePlotView;
    m_plot->setObjectName(QStringLiteral("lrFinderPlot"));
    m_plot->setLogX(true);
    m_plot->setAxisTitles(tr("learning rate"), tr("training loss"));
    m_plot->setLegendPosition(Qt::TopLeftCorner);
    m_plot->setMinimumSize(520, 320);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("lrFinderStatus"));
    m_status->setWordWrap(true);
    m_rule = new QLabel;
    m_rule->setWordWrap(true);
    m_rule->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_progress = new QProgressBar;
    m_progress->setTextVisible(false);
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("lrFinderStop"));
    m_apply = new QPushButton(tr("Apply"));
    m_apply->setObjectName(QStringLiteral("lrFinderApply"));
    m_apply->setToolTip(tr("Put the suggested learning rate into the form"));
    auto* close = new QPushButton(tr("Close"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_apply);
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_rule);
    layout->addLayout(buttons);
    resize(680, 520);

    // Points arrive every batch: the plot repaints from a timer, not for each one.
    m_repaint = new QTimer(this);
    m_repaint->setSingleShot(true);
    m_repaint->setInterval(100);
    connect(m_repaint, &QTimer::timeout, this, &LrFinderDialog::showCurve);

    m_worker = m_jobs.adopt(new LrFinderWorker);
    connect(m_worker, &LrFinderWorker::message, this, [this](const QString& text) {
        if (isRunning()) m_status->setText(text);
    });
    connect(m_worker, &LrFinderWorker::point, this, &LrFinderDialog::onPoint);
    connect(m_worker, &LrFinderWorker::finished, this, &LrFinderDialog::onFinished);
    connect(&m_jobs, &JobRunner::jobFailed, this, [this](int, quint64 generation, const QString& message) {
        LrFinderOutcome failed;
        failed.status = QStringLiteral("failed");
        failed.message = message;
        onFinished(generation, failed);
    });
    connect(m_stop, &QPushButton::clicked, this, &LrFinderDialog::stop);
    connect(m_apply, &QPushButton::clicked, this, [this] {
        if (m_outcome.suggestedIndex < 0) return;
        Q_EMIT applied(m_outcome.suggestedLr);
        accept();
    });
    connect(close, &QPushButton::clicked, this, &LrFinderDialog::reject);
    setRunning(false);
}

LrFinderDialog::~LrFinderDialog() {
    m_jobs.shutdown();
}

void LrFinderDialog::setRange(double startLr, double endLr, int steps) {
    m_startLr = startLr;
    m_endLr = endLr;
    m_steps = steps;
}

void LrFinderDialog::start(const TrainingRequest& request) {
    m_lr.clear();
    m_loss.clear();
    m_smoothed.clear();
    m_outcome = LrFinderOutcome{};
    m_plot->clear();
    m_plot->setTitle(tr("Loss against the learning rate (%1 to %2, %3 steps)")
                         .arg(widgets::compactNumber(m_startLr, 3), widgets::compactNumber(m_endLr, 3))
                         .arg(m_steps));
    m_rule->clear();
    m_progress->setRange(0, m_steps);
    m_progress->setValue(0);
    m_status->setText(tr("Starting…"));
    const double startLr = m_startLr, endLr = m_endLr;
    const int steps = m_steps;
    m_jobs.post([worker = m_worker, request, startLr, endLr, steps](const JobToken& token) {
        worker->run(token, request, startLr, endLr, steps);
    });
    setRunning(true);
}

bool LrFinderDialog::startFrom(const TrainingForm& form) {
    show();
    raise();
    activateWindow();
    QString problem = form.startBox()->problem();
    const nn::TrainConfig config = form.config();
    if (problem.isEmpty()) {
        try {
            config.validate();
        } catch (const std::invalid_argument& e) {
            problem = QString::fromUtf8(e.what());
        }
    }
    if (!problem.isEmpty()) {
        m_jobs.drop();
        setRunning(false);
        m_status->setText(problem);
        return false;
    }
    TrainingRequest request;
    request.config = config;
    request.dataDirectory = form.dataDirectory();
    start(request);
    return true;
}

void LrFinderDialog::stop() {
    m_jobs.cancel();
}

bool LrFinderDialog::isRunning() const {
    return m_jobs.isBusy();
}

void LrFinderDialog::reject() {
    stop();
    QDialog::reject();
}

void LrFinderDialog::onPoint(quint64 generation, double lr, double loss, double smoothedLoss, int step,
                             int steps) {
    if (!m_jobs.isCurrent(0, generation)) return;
    m_lr << lr;
    m_loss << loss;
    m_smoothed << smoothedLoss;
    m_progress->setValue(std::min(step + 1, steps));
    m_status->setText(tr("Step %1 of %2: learning rate %3, smoothed loss %4")
                          .arg(step + 1)
                          .arg(steps)
                          .arg(widgets::compactNumber(lr, 3), widgets::compactNumber(smoothedLoss, 4)));
    if (!m_repaint->isActive()) m_repaint->start();
}

void LrFinderDialog::onFinished(quint64 generation, const LrFinderOutcome& outcome) {
    if (!m_jobs.finish(0, generation)) return;
    m_repaint->stop();
    m_outcome = outcome;
    if (outcome.status == QLatin1String("finished")) {
        m_lr = outcome.lr;
        m_loss = outcome.loss;
        m_smoothed = outcome.smoothedLoss;
        m_progress->setValue(m_progress->maximum());
        m_status->setText(outcome.suggestedIndex >= 0
                              ? tr("Suggested learning rate: %1. %2")
                                    .arg(widgets::compactNumber(outcome.suggestedLr, 3), outcome.message)
                              : tr("No suggestion: too few points. %1").arg(outcome.message));
        m_rule->setText(tr("Suggestion: %1.").arg(outcome.rule));
    } else {
        m_status->setText(outcome.message);
    }
    showCurve();
    setRunning(false);
}

void LrFinderDialog::showCurve() {
    QVector<widgets::PlotSeries> series;
    widgets::PlotSeries raw;
    raw.name = tr("loss per batch");
    raw.x = m_lr;
    raw.y = m_loss;
    raw.color = QColor(170, 170, 170);
    widgets::PlotSeries smooth;
    smooth.name = tr("smoothed loss");
    smooth.x = m_lr;
    smooth.y = m_smoothed;
    smooth.color = QColor(0, 90, 181);
    series << raw << smooth;
    m_plot->setSeries(series);
    if (!m_smoothed.isEmpty()) {
        // The loss explodes at the end: show the smoothed curve's range up to a little above where it began,
        // so that the descent, which is what matters, fills the plot.
        // Down to the lowest batch loss too, so that the raw losses stay in view where the smoothed curve
        // lags.
        const double low = std::min(*std::min_element(m_smoothed.cbegin(), m_smoothed.cend()),
                                    *std::min_element(m_loss.cbegin(), m_loss.cend()));
        const double high =
            std::min(*std::max_element(m_smoothed.cbegin(), m_smoothed.cend()), 1.5 * m_smoothed.first());
        const double pad = std::max(0.05 * (high - low), 1e-3);
        m_plot->setYRange(std::max(0.0, low - pad), high + pad);
        m_plot->setXRange(m_startLr, m_endLr);
    }
    QVector<widgets::PlotMarker> markers;
    if (m_outcome.suggestedIndex >= 0)
        markers << widgets::PlotMarker{
            m_outcome.suggestedLr, tr("suggested %1").arg(widgets::compactNumber(m_outcome.suggestedLr, 3)),
            QColor(200, 60, 40)};
    m_plot->setMarkers(markers);
}

void LrFinderDialog::setRunning(bool running) {
    m_stop->setEnabled(running);
    m_apply->setEnabled(!running && m_outcome.suggestedIndex >= 0);
}

}  // namespace convscope::gui
