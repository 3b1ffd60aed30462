// The Explain panel's second page, "Errors across the test set", and its links to the first: kept apart
// from explain_panel.cpp so that each file stays readable on its own.
#include <QSplitter>
#include <QTabWidget>

#include "app/gui/explain/error_analysis_view.h"
#include "app/gui/explain/explain_live_view.h"
#include "app/gui/explain/explain_panel.h"
#include "app/gui/features/feature_source_box.h"

namespace convscope::gui {

QWidget* ExplainPanel::createPages() {
    m_pages = new QTabWidget;
    m_pages->setObjectName(QStringLiteral("explainPages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_splitter, tr("Explain one image"));
    m_errors = new ErrorAnalysisView;
    m_pages->addTab(m_errors, tr("Errors across the test set"));
    m_pages->setTabToolTip(1, tr("Which test images the model gets wrong, the most-confused classes, and "
                                 "where the model looked"));
    // The error page analyses the model chosen on the first page, so that an image opened from its gallery
    // is explained by the same model.
    m_errors->setCheckpoint(checkpoint());
    m_errors->setDataDirectory(m_dataDirectory);
    connect(m_source, &FeatureSourceBox::changed, m_errors,
            [this] { m_errors->setCheckpoint(checkpoint()); });
    connect(m_errors, &ErrorAnalysisView::testImageActivated, this, [this](int index) {
        // The gallery's overlays explain the predicted class: the first page starts from the same target.
        setTarget(-1);
        selectTestImage(index);
        m_pages->setCurrentIndex(0);
        Q_EMIT statusMessage(tr("Explaining test image %1").arg(index), 4000);
    });
    connect(m_errors, &ErrorAnalysisView::statusMessage, this, &ExplainPanel::statusMessage);
    m_pages->addTab(m_live, tr("While a model trains"));
    m_pages->setTabToolTip(
        2, tr("Grad-CAM and occlusion of the Training panel's pinned test image, from the model "
              "as it trains"));
    return m_pages;
}

void ExplainPanel::showErrors(const QString& checkpoint, const QString& dataDirectory, int trueClass,
                              int predictedClass) {
    setDataDirectory(dataDirectory);
    setCheckpoint(checkpoint);
    m_errors->setCheckpoint(checkpoint);
    m_errors->showCell(trueClass, predictedClass);
    m_pages->setCurrentWidget(m_errors);
}

}  // namespace convscope::gui
