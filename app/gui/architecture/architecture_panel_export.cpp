// The Architecture panel's View ▸ Zoom, File ▸ Export and Edit ▸ Copy: the diagram (SVG, PNG) or the layer
// table (CSV), whichever page is shown. The rest of the panel is in architecture_panel.cpp.
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QTabWidget>

#include "app/gui/architecture/architecture_model_list.h"
#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/architecture/architecture_table.h"
#include "app/gui/support/csv_text.h"
#include "widgets/diagram/architecture_diagram_view.h"

namespace convscope::gui {

bool ArchitecturePanel::canZoom() const {
    return m_pages->currentIndex() == 0;
}

void ArchitecturePanel::zoom(ZoomCommand command) {
    switch (command) {
        case ZoomCommand::In:
            m_diagram->zoomIn();
            break;
        case ZoomCommand::Out:
            m_diagram->zoomOut();
            break;
        case ZoomCommand::Fit:
            m_diagram->fitToView();
            break;
        case ZoomCommand::ActualSize:
            m_diagram->resetZoom();
            break;
    }
}

double ArchitecturePanel::zoomFactor() const {
    return canZoom() ? m_diagram->zoom() : -1.0;
}

bool ArchitecturePanel::canExport() const {
    return m_result && m_pages->currentIndex() <= 1;
}

bool ArchitecturePanel::canCopy() const {
    return m_result && m_pages->currentIndex() == 0;
}

QString ArchitecturePanel::exportNameFilters() const {
    return m_pages->currentIndex() == 0 ? tr("SVG drawing (*.svg);;PNG image (*.png)")
                                        : tr("CSV table (*.csv)");
}

QString ArchitecturePanel::exportBaseName() const {
    QString model = m_result ? m_result->request.model : m_model->currentData().toString();
    const QString file = m_result ? m_result->request.file : architecture_models::currentFile(m_model);
    if (!file.isEmpty()) model = QFileInfo(file).completeBaseName();
    return model +
           (m_pages->currentIndex() == 0 ? QStringLiteral("-architecture") : QStringLiteral("-layers"));
}

QString ArchitecturePanel::exportTo(const QString& path) {
    if (!canExport()) return tr("There is no description to export yet.");
    if (path.isEmpty()) return tr("No file name was given.");
    QString error;
    bool ok = false;
    if (m_pages->currentIndex() == 1) {
        ok = m_table->exportCsv(path, &error);
    } else {
        const bool png = QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0;
        ok = png ? m_diagram->exportPng(path, &error) : m_diagram->exportSvg(path, &error);
    }
    if (ok) return {};
    return error.isEmpty() ? tr("The file could not be written.") : error;
}

QImage ArchitecturePanel::imageToCopy() const {
    return canCopy() ? m_diagram->renderDiagram(1.0) : QImage();
}

bool ArchitecturePanel::exportDiagram(const QString& requested) {
    if (!m_result) return false;
    QString path = requested;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(
            this, tr("Export diagram"),
            documentsPath(m_result->request.model + QStringLiteral("-architecture.svg")),
            tr("SVG drawing (*.svg);;PNG image (*.png)"));
    if (path.isEmpty()) return false;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".svg");
    QString error;
    const bool png = QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0;
    const bool ok = png ? m_diagram->exportPng(path, &error) : m_diagram->exportSvg(path, &error);
    Q_EMIT statusMessage(ok ? tr("Saved %1").arg(QFileInfo(path).fileName()) : error, 6000);
    return ok;
}

bool ArchitecturePanel::exportTable(const QString& requested) {
    if (!m_result) return false;
    QString path = requested;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(
            this, tr("Export layer table"),
            documentsPath(m_result->request.model + QStringLiteral("-layers.csv")), tr("CSV table (*.csv)"));
    if (path.isEmpty()) return false;
    QString error;
    const bool ok = m_table->exportCsv(path, &error);
    Q_EMIT statusMessage(ok ? tr("Saved %1").arg(QFileInfo(path).fileName()) : error, 6000);
    return ok;
}

}  // namespace convscope::gui
