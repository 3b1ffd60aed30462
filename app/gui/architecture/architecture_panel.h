#pragma once

#include <memory>

#include "app/gui/architecture/architecture_types.h"
#include "app/gui/support/panel.h"
#include "app/gui/training/instrument_frame.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QTimer;
class QToolButton;

namespace convscope::widgets {
class ArchitectureDiagramView;
}

namespace convscope::gui {

class ArchitectureController;
class ArchitectureDetails;
class ArchitectureTable;
class CostComparisonPage;
class GradientColouring;
class ZooTable;

/// The Architecture tab: how the classic CNNs are built and what each part costs. A model of the zoo and an
/// input size are described on a worker (a traced forward pass); the result shows as a diagram (zoom, pan,
/// fold stages and blocks, click for the arithmetic, hover an arrow for its tensor, SVG/PNG export), as a
/// sortable table (CSV export), next to the whole zoo's parameters and multiply-accumulates, and beside the
/// seeds' cost comparisons.
class ArchitecturePanel : public Panel {
    Q_OBJECT
public:
    explicit ArchitecturePanel(QWidget* parent = nullptr);
    ~ArchitecturePanel() override;

    /// Chooses a model and input and describes it (the form follows).
    void showModel(const ArchitectureRequest& request);
    /// The last description shown, or nullptr (none yet, or the last request failed).
    const ArchitectureResult* result() const { return m_result.get(); }
    bool isDescribing() const;
    /// The error shown instead of a diagram, or empty.
    QString errorText() const;

    widgets::ArchitectureDiagramView* diagram() const { return m_diagram; }
    ArchitectureTable* table() const { return m_table; }
    ArchitectureDetails* details() const { return m_details; }
    ZooTable* zoo() const { return m_zoo; }
    CostComparisonPage* costs() const { return m_costs; }
    GradientColouring* gradientColouring() const { return m_gradients; }
    QTabWidget* pages() const { return m_pages; }
    QComboBox* modelCombo() const { return m_model; }
    QSpinBox* sizeBox() const { return m_size; }

    // Panel: the diagram zooms with View > Zoom; File > Export and Edit > Copy take the diagram (SVG, PNG) or
    // the layer table (CSV), whichever page is shown.
    QString title() const override;
    /// The model and its input, the page and the diagram's splitter.
    void saveState() const override;
    void restoreState() override;
    bool canZoom() const override;
    void zoom(ZoomCommand command) override;
    double zoomFactor() const override;
    bool canExport() const override;
    bool canCopy() const override;
    QString exportNameFilters() const override;
    QString exportBaseName() const override;
    QString exportTo(const QString& path) override;
    QImage imageToCopy() const override;

public Q_SLOTS:
    bool exportDiagram(const QString& path);  ///< .svg or .png by suffix; asks when empty
    bool exportTable(const QString& path);    ///< CSV; asks when empty
    /// The gradient norms of the run being trained: the diagram is coloured by them while "Colour by
    /// gradient norm" is on (the latest frame is kept for when it is switched on).
    void showInstruments(const convscope::gui::InstrumentFrame& frame);

Q_SIGNALS:
    /// The user asked for the feature maps at a tap point of this model.
    void featureMapsRequested(const QString& model, const QString& tapName);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildForm();
    QWidget* buildDiagramPage();
    QWidget* buildTablePage();
    QWidget* buildZooPage();
    ArchitectureRequest formRequest() const;
    void scheduleDescribe();
    void describeNow();
    void onDescribed(const ArchitectureResult& result);
    void onFailed(const QString& message);
    void onZooRow(int index, int count, const ZooRow& row);
    void updateStemBox();

    ArchitectureController* m_controller = nullptr;
    ArchitectureRequest m_lastSent;  ///< the last request handed to the worker
    bool m_sentAny = false;
    ArchitectureRequest m_variant;  ///< the last request shown from outside (block kind, skip connections)
    std::unique_ptr<ArchitectureResult> m_result;
    QVector<ZooRow> m_zooRows;
    QComboBox* m_model = nullptr;
    QSpinBox* m_channels = nullptr;
    QSpinBox* m_classes = nullptr;
    QSpinBox* m_size = nullptr;
    QComboBox* m_stem = nullptr;
    QCheckBox* m_aux = nullptr;  ///< GoogLeNet and Inception-v3: draw the auxiliary classifiers
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QTabWidget* m_pages = nullptr;
    widgets::ArchitectureDiagramView* m_diagram = nullptr;
    QSplitter* m_diagramSplit = nullptr;
    ArchitectureDetails* m_details = nullptr;
    ArchitectureTable* m_table = nullptr;
    ZooTable* m_zoo = nullptr;
    CostComparisonPage* m_costs = nullptr;
    GradientColouring* m_gradients = nullptr;
    QTimer* m_debounce = nullptr;
    bool m_costsRequested = false;
    bool m_applying = false;  ///< showModel is filling the form: no describe per field
    bool m_shown = false;
};

}  // namespace convscope::gui
