#include "app/gui/shell/about_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>
#include <QVector>
#include <QtGlobal>

#include <utility>

#include "core/imaging/library_info.h"
#include "core/spectral/library_info.h"
#ifdef CONVSCOPE_HAVE_NN
#include "core/nn/train/library_info.h"
#endif

#ifndef CONVSCOPE_VERSION
#define CONVSCOPE_VERSION "unknown"
#endif
#ifndef CONVSCOPE_BUILD_TYPE
#define CONVSCOPE_BUILD_TYPE "unknown"
#endif

namespace convscope::gui {
namespace {

QVector<std::pair<QString, QString>> libraryVersions() {
    QVector<std::pair<QString, QString>> rows;
    rows.append(
        {QStringLiteral("Qt"), QObject::tr("%1 (built with %2)")
                                   .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))});
    rows.append({QStringLiteral("OpenCV"), QString::fromStdString(imaging::opencvVersion())});
    rows.append({QStringLiteral("FFTW"), QString::fromStdString(spectral::fftwVersion())});
#ifdef CONVSCOPE_HAVE_NN
    rows.append({QStringLiteral("LibTorch"), QObject::tr("%1 · CUDA devices: %2")
                                                 .arg(QString::fromStdString(nn::torchVersion()))
                                                 .arg(nn::cudaDeviceCount())});
#else
    rows.append({QStringLiteral("LibTorch"), QObject::tr("not built in (CONVSCOPE_BUILD_NN=OFF)")});
#endif
    const QString buildType = QStringLiteral(CONVSCOPE_BUILD_TYPE);
    rows.append({QObject::tr("Build type"), buildType.isEmpty() ? QObject::tr("unspecified") : buildType});
    rows.append({QObject::tr("System"),
                 QSysInfo::prettyProductName() + QStringLiteral(" · ") + QSysInfo::currentCpuArchitecture()});
    return rows;
}

}  // namespace

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About ConvScope"));

    auto* icon = new QLabel;
    icon->setPixmap(QIcon(QStringLiteral(":/icons/convscope.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop);

    auto* text = new QLabel;
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    text->setText(
        tr("<h2 style='margin-bottom:0'>ConvScope</h2>"
           "<p style='margin-top:2px'>Version %1</p>"
           "<p>ConvScope shows how convolutional neural networks see. Open a photograph or a test pattern, "
           "slide the classical filters a CNN's first layer learns to resemble &mdash; Sobel, Gaussian, "
           "sharpen, emboss, or a kernel of your own &mdash; across it, and inspect every number: the "
           "kernel, the pixels under it and the value it produces, exactly as the convolution formula "
           "computes them.</p>"
           "<p><b>Libraries in use</b></p>%2")
            .arg(QStringLiteral(CONVSCOPE_VERSION), versionTableHtml()));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* copy = buttons->addButton(tr("&Copy Version Info"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersionInfoButton"));
    connect(copy, &QPushButton::clicked, this, [] { QApplication::clipboard()->setText(versionReport()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* body = new QHBoxLayout;
    body->addWidget(icon);
    body->addSpacing(12);
    body->addWidget(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

QString AboutDialog::versionReport() {
    QString report = QStringLiteral("ConvScope %1\n").arg(QStringLiteral(CONVSCOPE_VERSION));
    for (const auto& [name, version] : libraryVersions())
        report += name + QStringLiteral(": ") + version + QLatin1Char('\n');
    return report;
}

QString AboutDialog::versionTableHtml() {
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    for (const auto& [name, version] : libraryVersions())
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(name.toHtmlEscaped(), version.toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

}  // namespace convscope::gui
