#include "widgets/diagram/diagram_value_overlay.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

#include "core/common/colormap.h"
#include "widgets/common/number_text.h"
#include "widgets/diagram/diagram_tooltips.h"

namespace convscope::widgets {

namespace {
struct ArchitectureDiagram {
    Q_DECLARE_TR_FUNCTIONS(ArchitectureDiagram)
};

double logOf(double value) {
    return std::log10(std::max(value, std::numeric_limits<double>::min()));
}
}  // namespace

DiagramValueOverlay::DiagramValueOverlay(const DiagramGraph& graph, const DiagramNodeValues& values)
    : m_values(values) {
    if (values.perNode.size() != graph.nodes.size()) return;
    if (!(m_values.low > 0)) m_values.low = 1e-4;
    if (!(m_values.high > m_values.low)) m_values.high = m_values.low * 10;
    const DiagramIndex index = indexDiagram(graph);
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const double v = values.perNode[i];
        if (std::isnan(v)) continue;
        const DiagramNode& node = graph.nodes[i];
        if (m_byId.contains(node.id)) continue;  // duplicate ids: the first wins, as in the layout
        m_byId.insert(node.id, v);
        // Every enclosing scope gets the node (steps bound a parent cycle in a malformed graph).
        for (int s = index.scopes.value(node.scope, -1), steps = 0; s >= 0 && steps <= graph.scopes.size();
             s = index.scopes.value(graph.scopes[s].parent, -1), ++steps)
            m_nodesInScope[graph.scopes[s].id].push_back(node.id);
    }
    m_active = true;
}

double DiagramValueOverlay::combinedValue(const QVector<int>& nodeIds) const {
    double sum = 0;
    bool any = false;
    for (int id : nodeIds) {
        const double v = nodeValue(id);
        if (std::isnan(v)) continue;
        sum += v * v;
        any = true;
    }
    return any ? std::sqrt(sum) : std::numeric_limits<double>::quiet_NaN();
}

int DiagramValueOverlay::countWithValues(const QVector<int>& nodeIds) const {
    return int(std::count_if(nodeIds.begin(), nodeIds.end(), [this](int id) { return m_byId.contains(id); }));
}

double DiagramValueOverlay::boxValue(const DiagramBox& box) const {
    if (box.kind == DiagramBoxKind::Scope) return combinedValue(box.nodeIds);
    return nodeValue(box.nodeId);
}

double DiagramValueOverlay::scopeValue(int scopeId) const {
    return combinedValue(m_nodesInScope.value(scopeId));
}

double DiagramValueOverlay::scalePosition(double value) const {
    const double lo = logOf(m_values.low);
    const double hi = logOf(m_values.high);
    if (!(value > 0)) return 0.0;
    return std::clamp((logOf(value) - lo) / (hi - lo), 0.0, 1.0);
}

QColor DiagramValueOverlay::colorFor(double value) const {
    if (!m_active || std::isnan(value)) return {};
    const auto& table = common::colormapTable(common::Colormap::Viridis);
    const auto& c = table[std::size_t(std::lround(scalePosition(value) * 255.0))];
    return {c.r, c.g, c.b};
}

QColor DiagramValueOverlay::inkOn(const QColor& fill) {
    // WCAG relative luminance; white text from about the middle of Viridis (teal) down to its violet end.
    auto linear = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const double l =
        0.2126 * linear(fill.redF()) + 0.7152 * linear(fill.greenF()) + 0.0722 * linear(fill.blueF());
    // Black and white give the same contrast at l = 0.179.
    return l > 0.179 ? QColor(20, 20, 20) : QColor(255, 255, 255);
}

QString diagramValueText(double value) {
    const double a = std::abs(value);
    if (!std::isfinite(value) || value == 0.0 || (a >= 0.01 && a < 1000)) return compactNumber(value, 2);
    // Two significant digits and a short exponent: "3.2e−4".
    int exponent = int(std::floor(std::log10(a)));
    double mantissa = std::round(value / std::pow(10.0, exponent) * 10.0) / 10.0;
    if (std::abs(mantissa) >= 10.0) {
        mantissa /= 10.0;
        ++exponent;
    }
    return withTypographicMinus(QString::number(mantissa, 'g', 2) + QLatin1Char('e') +
                                QString::number(exponent));
}

QString DiagramValueOverlay::toolTipLine(double value, int count) const {
    if (!m_active || std::isnan(value)) return {};
    QString name = m_values.name;
    if (!name.isEmpty()) name[0] = name[0].toUpper();
    QString text = QStringLiteral("\n\n") + name + QLatin1Char(' ') + diagramValueText(value);
    QStringList notes;
    if (count > 1)
        notes << ArchitectureDiagram::tr("the %1 layers with parameters inside, together").arg(count);
    if (!m_values.context.isEmpty()) notes << m_values.context;
    if (!notes.isEmpty()) text += QStringLiteral(" (") + notes.join(QStringLiteral("; ")) + QLatin1Char(')');
    return text;
}

QString diagramPlainNumber(double value) {
    if (!std::isfinite(value) || value == 0.0) return compactNumber(value);
    const double a = std::abs(value);
    if (a >= 1.0 || a < 1e-9) return compactNumber(value, 3);
    // Two significant digits written out: 0.00025, 0.001, 0.3.
    const int decimals = int(-std::floor(std::log10(a))) + 1;
    QString text = QString::number(value, 'f', decimals);
    while (text.endsWith(QLatin1Char('0'))) text.chop(1);
    if (text.endsWith(QLatin1Char('.'))) text.chop(1);
    return withTypographicMinus(text);
}

}  // namespace convscope::widgets
