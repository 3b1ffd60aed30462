// The Architecture panel's diagram scenes of capture_screens (the rest are in capture_scenes.cpp).
#include <QStringList>
#include <QTabWidget>
#include <QTest>
#include <cstdio>
#include <map>
#include <string>

#include "capture_scenes.h"  // next to this file: the tool is a program, not a library

#ifdef CONVSCOPE_HAVE_NN
#include "app/gui/architecture/architecture_details.h"
#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/shell/main_window.h"
#include "widgets/diagram/architecture_diagram_view.h"

using namespace convscope;

namespace {

/// Describes `model` in the Architecture tab, unfolds `scopes` (dotted names), centres the first and
/// selects `select` (a node name, or a scope name when it names one); `aux` adds the auxiliary classifiers.
void architecture(gui::MainWindow& w, const QString& model, int size, const QStringList& scopes,
                  const QString& select, bool aux = false) {
    gui::ArchitecturePanel* p = w.architecturePanel();
    w.tabs()->setCurrentWidget(p);
    gui::ArchitectureRequest r;
    r.model = model;
    r.inputSize = size;
    r.aux = aux;
    p->showModel(r);
    if (!QTest::qWaitFor([p, model] { return p->result() && p->result()->request.model == model; }, 60000)) {
        std::fprintf(stderr, "no description of %s\n", qPrintable(model));
        return;
    }
    widgets::ArchitectureDiagramView* view = p->diagram();
    for (const QString& s : scopes) view->setExpanded(s, true);
    const widgets::DiagramGraph& g = p->result()->graph;
    for (const widgets::DiagramNode& n : g.nodes)
        if (n.name == select) {
            view->selectNode(n.id);
            p->details()->showNode(n.id);
        }
    for (const widgets::DiagramScope& s : g.scopes) {
        if (!scopes.isEmpty() && s.name == scopes.first() && s.kind != widgets::DiagramScopeKind::Stage) {
            const QRectF rect = view->scopeRect(s.id);
            view->centerOn(rect.center().x(), rect.top() + view->viewport()->height() / 2.0 - 40);
        }
        if (s.name == select) p->details()->showScope(s.id);
    }
    QTest::qWait(400);
}

}  // namespace
#endif

namespace convscope::tools {

void addArchitectureScenes([[maybe_unused]] std::map<std::string, Scene>& m) {
#ifdef CONVSCOPE_HAVE_NN
    const std::map<std::string, Scene> diagrams = {
        {"architecture-resnet18",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("resnet18"), 224,
                          {QStringLiteral("layer2.0"), QStringLiteral("layer1.1")},
                          QStringLiteral("layer2.0.conv1"));
         }},
        {"architecture-inception",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("googlenet"), 224, {QStringLiteral("inception3a")},
                          QStringLiteral("inception3a"));
         }},
        {"architecture-inception-branch3",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("googlenet"), 224, {QStringLiteral("inception3a")},
                          QStringLiteral("inception3a.branch3"));
         }},
        {"architecture-googlenet-aux",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("googlenet"), 224, {QStringLiteral("aux1")},
                          QStringLiteral("aux1"), true);
         }},
        {"architecture-inception-v3-aux",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("inception_v3"), 299, {QStringLiteral("AuxLogits")},
                          QStringLiteral("AuxLogits"), true);
         }},
        {"architecture-inception-v3-e",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("inception_v3"), 299, {QStringLiteral("Mixed_7b")},
                          QStringLiteral("Mixed_7b.branch3x3_2a.conv"));
         }},
        {"architecture-seed-inception",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("seed-inception"), 28, {}, QStringLiteral("branch5x5"));
         }},
        {"architecture-alexnet-slides",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("alexnet-slides"), 227, {}, QStringLiteral("features.3"));
         }},
        {"architecture-mbconv",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("efficientnet_b0"), 224, {QStringLiteral("features.2.0")},
                          QStringLiteral("features.2.0.block.1.0"));
         }},
    };
    m.insert(diagrams.begin(), diagrams.end());
#endif
}

}  // namespace convscope::tools
