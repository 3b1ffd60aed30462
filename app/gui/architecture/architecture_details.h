#pragma once

#include <QTextBrowser>

#include "app/gui/architecture/architecture_types.h"

namespace convscope::gui {

/// The details pane beside the diagram: what a clicked layer or block is, its output shape, and how its
/// parameters and multiply-accumulates come about, with the arithmetic written out. A link under a block
/// or layer that has a tap point opens its feature maps (activated as "tap:NAME").
class ArchitectureDetails : public QTextBrowser {
    Q_OBJECT
public:
    explicit ArchitectureDetails(QWidget* parent = nullptr);

    void setResult(const ArchitectureResult* result);
    void showNode(int nodeId);
    void showScope(int scopeId);
    /// The model's summary: totals and what the diagram's shapes and arrows mean.
    void showSummary();

    /// The tap point a node or scope leads to, or empty.
    QString tapForNode(int nodeId) const;
    QString tapForScope(int scopeId) const;

Q_SIGNALS:
    void featureMapsRequested(const QString& tapName);

private:
    QString nodeHtml(const widgets::DiagramNode& n) const;
    QString tapLink(const QString& tap) const;
    bool inside(int scope, int ancestor) const;
    /// An unnamed scope (a branch without a module of its own) carries its parent's dotted name.
    bool inheritsName(int scopeId) const;

    const ArchitectureResult* m_result = nullptr;
};

}  // namespace convscope::gui
