#include "app/gui/convolution/animation_export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <optional>

#include "app/gui/convolution/animation_export_controller.h"
#include "core/conv/conv_trace.h"
#include "widgets/board/grid_board_painter.h"

namespace convscope::gui {

namespace {

using imaging::AnimationFormat;

constexpr int kMaxDefaultWidth = 1600;
constexpr int kMaxDefaultHeight = 1000;

QString suffixFor(AnimationFormat format) {
    switch (format) {
        case AnimationFormat::PngFrames:
            return QStringLiteral("png");
        case AnimationFormat::Gif:
            return QStringLiteral("gif");
        case AnimationFormat::Video:
            return QStringLiteral("avi");
    }
    return QStringLiteral("gif");
}

std::optional<AnimationFormat> formatForSuffix(const QString& suffix) {
    const QString s = suffix.toLower();
    if (s == QLatin1String("png")) return AnimationFormat::PngFrames;
    if (s == QLatin1String("gif")) return AnimationFormat::Gif;
    if (s == QLatin1String("avi")) return AnimationFormat::Video;
    return std::nullopt;
}

QString fileFilter(AnimationFormat format) {
    switch (format) {
        case AnimationFormat::PngFrames:
            return AnimationExportDialog::tr("PNG frames, one file per step (*.png)");
        case AnimationFormat::Gif:
            return AnimationExportDialog::tr("Animated GIF (*.gif)");
        case AnimationFormat::Video:
            return AnimationExportDialog::tr("Video, Motion-JPEG in AVI (*.avi)");
    }
    return {};
}

QString durationText(double seconds) {
    if (seconds < 0.95) return AnimationExportDialog::tr("%1 s").arg(QString::number(seconds, 'f', 1));
    const long long whole = std::llround(seconds);
    if (whole < 60) return AnimationExportDialog::tr("%1 s").arg(whole);
    if (whole % 60 == 0) return AnimationExportDialog::tr("%1 min").arg(whole / 60);
    return AnimationExportDialog::tr("%1 min %2 s").arg(whole / 60).arg(whole % 60);
}

QString framesText(int frames) {
    return frames == 1 ? AnimationExportDialog::tr("1 frame")
                       : AnimationExportDialog::tr("%1 frames").arg(frames);
}

}  // namespace

AnimationExportDialog::AnimationExportDialog(std::shared_ptr<const conv::ConvTrace> trace,
                                             const ConvFrameOptions& options, const QString& suggestedPath,
                                             QWidget* parent)
    : QDialog(parent), m_trace(std::move(trace)), m_options(options) {
    setWindowTitle(tr("Export Animation"));
    const int count = m_trace ? m_trace->stepCount() : 0;

    m_format = new QComboBox;
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("PNG frames (one file per step)"), int(AnimationFormat::PngFrames));
    m_format->addItem(tr("Animated GIF"), int(AnimationFormat::Gif));
    m_format->addItem(tr("Video (AVI, Motion-JPEG)"), int(AnimationFormat::Video));

    m_path = new QLineEdit;
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setMinimumWidth(380);
    auto* browse = new QPushButton(tr("Browse…"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_pathHint = new QLabel;
    m_pathHint->setWordWrap(true);

    // Spin values are the step page's numbers: 0 is "start" (step index −1), n is step index n − 1.
    m_first = new QSpinBox;
    m_first->setObjectName(QStringLiteral("exportFirstStep"));
    m_first->setRange(0, count);
    m_first->setSpecialValueText(tr("start"));
    m_first->setValue(0);
    m_last = new QSpinBox;
    m_last->setObjectName(QStringLiteral("exportLastStep"));
    m_last->setRange(0, count);
    m_last->setSpecialValueText(tr("start"));
    m_last->setValue(count);
    auto* rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_first);
    rangeRow->addWidget(new QLabel(tr("to")));
    rangeRow->addWidget(m_last);
    rangeRow->addWidget(new QLabel(tr("of %1 steps").arg(count)), 1);

    m_fps = new QDoubleSpinBox;
    m_fps->setObjectName(QStringLiteral("exportFps"));
    m_fps->setRange(0.1, 60.0);
    m_fps->setDecimals(1);
    m_fps->setSingleStep(1.0);
    m_fps->setValue(4.0);
    m_fps->setSuffix(tr(" fps"));

    const QSize size = m_trace ? defaultFrameSize(*m_trace, m_options) : QSize(960, 600);
    m_width = new QSpinBox;
    m_width->setObjectName(QStringLiteral("exportWidth"));
    m_width->setRange(64, 4000);
    m_width->setValue(size.width());
    m_width->setSuffix(tr(" px"));
    m_height = new QSpinBox;
    m_height->setObjectName(QStringLiteral("exportHeight"));
    m_height->setRange(64, 4000);
    m_height->setValue(size.height());
    m_height->setSuffix(tr(" px"));
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×")));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch(1);

    m_estimate = new QLabel;
    m_estimate->setObjectName(QStringLiteral("exportEstimate"));

    auto* form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("File:"), pathRow);
    form->addRow(QString(), m_pathHint);
    form->addRow(tr("Steps:"), rangeRow);
    auto* speedRow = new QHBoxLayout;
    speedRow->addWidget(m_fps);
    speedRow->addStretch(1);
    form->addRow(tr("Speed:"), speedRow);
    form->addRow(tr("Frame size:"), sizeRow);
    form->addRow(QString(), m_estimate);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    QString path = suggestedPath;
    if (path.isEmpty()) {
        QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
        if (dir.isEmpty() || !QDir(dir).exists()) dir = QDir::homePath();
        path = QDir(dir).filePath(QStringLiteral("convolution.gif"));
    }
    const std::optional<AnimationFormat> suggested = formatForSuffix(QFileInfo(path).suffix());
    m_format->setCurrentIndex(m_format->findData(int(suggested.value_or(AnimationFormat::Gif))));
    m_path->setText(QDir::toNativeSeparators(path));

    connect(m_format, &QComboBox::currentIndexChanged, this, &AnimationExportDialog::onFormatChanged);
    connect(m_path, &QLineEdit::textEdited, this, &AnimationExportDialog::onPathEdited);
    connect(m_path, &QLineEdit::textChanged, this, &AnimationExportDialog::updateState);
    connect(browse, &QPushButton::clicked, this, &AnimationExportDialog::browse);
    connect(m_first, &QSpinBox::valueChanged, this, [this](int v) {
        m_last->setMinimum(v);
        // QSpinBox shows the special text at its minimum, which is "start" only while the range begins there.
        m_last->setSpecialValueText(v == 0 ? tr("start") : QString());
        updateState();
    });
    connect(m_last, &QSpinBox::valueChanged, this, &AnimationExportDialog::updateState);
    connect(m_fps, &QDoubleSpinBox::valueChanged, this, &AnimationExportDialog::updateState);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

QSize AnimationExportDialog::defaultFrameSize(const conv::ConvTrace& trace, const ConvFrameOptions& options) {
    // Step 0 shows every plane with its window; the initial frame has the same layout.
    const widgets::GridBoardFrame frame = buildConvFrame(trace, trace.stepCount() > 0 ? 0 : -1, options);
    QSize size = widgets::GridBoardPainter::preferredSize(frame);
    if (size.isEmpty()) return {960, 600};
    if (size.width() > kMaxDefaultWidth || size.height() > kMaxDefaultHeight)
        size = size.scaled(kMaxDefaultWidth, kMaxDefaultHeight, Qt::KeepAspectRatio);
    return size.expandedTo(QSize(64, 64));
}

AnimationFormat AnimationExportDialog::currentFormat() const {
    return static_cast<AnimationFormat>(m_format->currentData().toInt());
}

QString AnimationExportDialog::effectivePath() const {
    const QString path = QDir::fromNativeSeparators(m_path->text().trimmed());
    const QFileInfo info(path);
    // A folder stays as typed, so pathProblem() can say that a file name is missing.
    if (path.isEmpty() || info.fileName().isEmpty() || info.isDir() || !info.suffix().isEmpty()) return path;
    return path + QLatin1Char('.') + suffixFor(currentFormat());
}

QString AnimationExportDialog::pathProblem(const QString& path, AnimationFormat format) {
    if (path.trimmed().isEmpty()) return tr("Choose a file to write.");
    const QFileInfo info(path);
    if (!info.isAbsolute()) return tr("Give the full path of the file (or use Browse…).");
    if (info.fileName().isEmpty() || info.isDir()) return tr("“%1” is a folder; add a file name.").arg(path);
    if (!info.absoluteDir().exists())
        return tr("The folder “%1” does not exist.").arg(QDir::toNativeSeparators(info.absolutePath()));
    const QString suffix = info.suffix();
    if (!suffix.isEmpty() && formatForSuffix(suffix) != format)
        return tr("The extension .%1 does not fit the format; use .%2.").arg(suffix, suffixFor(format));
    return {};
}

AnimationExportRequest AnimationExportDialog::request() const {
    AnimationExportRequest r;
    r.trace = m_trace;
    r.firstStep = m_first->value() - 1;
    r.lastStep = m_last->value() - 1;
    r.frameSize = QSize(m_width->value(), m_height->value());
    r.framesPerSecond = m_fps->value();
    r.format = currentFormat();
    r.path = effectivePath();
    r.options = m_options;
    return r;
}

void AnimationExportDialog::onFormatChanged() {
    // Keep the file name in step with the format, so that switching to GIF does not leave "frames.png"
    // behind.
    const QString path = m_path->text().trimmed();
    const QFileInfo info(path);
    if (!path.isEmpty() && !info.fileName().isEmpty() && formatForSuffix(info.suffix())) {
        const QString base = path.left(path.size() - info.suffix().size());
        m_path->setText(base + suffixFor(currentFormat()));
    }
    updateState();
}

void AnimationExportDialog::onPathEdited() {
    // Typing "anim.avi" means video: follow the extension rather than report a mismatch.
    const std::optional<AnimationFormat> format =
        formatForSuffix(QFileInfo(m_path->text().trimmed()).suffix());
    if (format && *format != currentFormat()) {
        const QSignalBlocker block(m_format);
        m_format->setCurrentIndex(m_format->findData(int(*format)));
    }
    updateState();
}

void AnimationExportDialog::browse() {
    QStringList filters;
    for (AnimationFormat f : {AnimationFormat::Gif, AnimationFormat::Video, AnimationFormat::PngFrames})
        filters << fileFilter(f);
    QString selected = fileFilter(currentFormat());
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export Animation"), effectivePath(),
                                                        filters.join(QStringLiteral(";;")), &selected);
    if (chosen.isEmpty()) return;
    AnimationFormat format = currentFormat();
    for (AnimationFormat f : {AnimationFormat::Gif, AnimationFormat::Video, AnimationFormat::PngFrames})
        if (selected == fileFilter(f)) format = f;
    const std::optional<AnimationFormat> bySuffix = formatForSuffix(QFileInfo(chosen).suffix());
    {
        const QSignalBlocker block(m_format);
        m_format->setCurrentIndex(m_format->findData(int(bySuffix.value_or(format))));
    }
    m_path->setText(QDir::toNativeSeparators(chosen));
    updateState();
}

void AnimationExportDialog::updateState() {
    const QString path = effectivePath();
    const QString problem = pathProblem(path, currentFormat());
    const int frames = m_last->value() - m_first->value() + 1;
    const bool ok = problem.isEmpty() && m_trace && frames > 0;
    m_ok->setEnabled(ok);
    if (!problem.isEmpty()) {
        m_pathHint->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_pathHint->setText(problem);
    } else {
        m_pathHint->setStyleSheet({});
        const QFileInfo info(path);
        if (currentFormat() == AnimationFormat::PngFrames) {
            const QString folder = QDir::toNativeSeparators(info.absolutePath());
            const QString stem = info.completeBaseName();
            auto name = [&stem](int n) {
                return QStringLiteral("%1_%2.png").arg(stem).arg(n, 4, 10, QLatin1Char('0'));
            };
            m_pathHint->setText(
                frames == 1
                    ? tr("Writes %1 in %2").arg(name(1), folder)
                    : tr("Writes %1 files %2 … %3 in %4").arg(frames).arg(name(1), name(frames), folder));
        } else {
            m_pathHint->setText(QFileInfo::exists(path)
                                    ? tr("%1 exists and will be replaced.").arg(info.fileName())
                                    : tr("Writes %1").arg(QDir::toNativeSeparators(path)));
        }
    }
    const double fps = m_fps->value();
    m_estimate->setText(
        tr("%1, about %2 at %3 fps")
            .arg(framesText(frames), durationText(frames / fps), QString::number(fps, 'g', 3)));
}

QProgressDialog* AnimationExportDialog::runWithProgress(QWidget* parent,
                                                        AnimationExportController* controller,
                                                        const AnimationExportRequest& request) {
    auto* progress = new QProgressDialog(tr("Exporting the animation…"), tr("Cancel"), 0,
                                         std::max(1, request.frameCount()), parent);
    progress->setWindowTitle(tr("Export Animation"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setMinimumDuration(300);
    progress->setValue(0);
    // The progress dialog is the context of every connection, so they end with it.
    connect(progress, &QProgressDialog::canceled, controller, &AnimationExportController::cancel);
    connect(controller, &AnimationExportController::progress, progress, [progress](int done, int total) {
        progress->setMaximum(std::max(1, total));
        progress->setValue(done);
        progress->setLabelText(tr("Exporting frame %1 of %2…").arg(done).arg(total));
    });
    auto close = [progress] {
        QObject::disconnect(progress, &QProgressDialog::canceled, nullptr, nullptr);
        progress->hide();
        progress->deleteLater();
    };
    connect(controller, &AnimationExportController::finished, progress, close);
    connect(controller, &AnimationExportController::cancelled, progress, close);
    connect(controller, &AnimationExportController::failed, progress,
            [progress, parent, close](const QString& m) {
                close();
                auto* box = new QMessageBox(QMessageBox::Warning, tr("Export Animation"),
                                            tr("The animation could not be exported.\n\n%1").arg(m),
                                            QMessageBox::Ok, parent);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            });
    controller->start(request);
    return progress;
}

}  // namespace convscope::gui
