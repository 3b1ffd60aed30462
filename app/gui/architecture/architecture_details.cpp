#include "app/gui/architecture/architecture_details.h"

#include <QLocale>

#include "core/nn/zoo/model_catalog.h"

namespace convscope::gui {

namespace {

QString shape(const QVector<qint64>& s) {
    QStringList parts;
    for (qint64 d : s) parts << QString::number(d);
    return parts.join(QStringLiteral("×"));
}

QString number(qint64 v) {
    return QLocale(QLocale::English).toString(v);
}

QString bytes(qint64 b) {
    if (b >= 1 << 20) return QStringLiteral("%1 MiB").arg(b / double(1 << 20), 0, 'f', 1);
    if (b >= 1 << 10) return QStringLiteral("%1 KiB").arg(b / double(1 << 10), 0, 'f', 1);
    return QStringLiteral("%1 B").arg(b);
}

QString kindName(widgets::DiagramScopeKind k) {
    switch (k) {
        case widgets::DiagramScopeKind::Model:
            return QObject::tr("model");
        case widgets::DiagramScopeKind::Stage:
            return QObject::tr("stage");
        case widgets::DiagramScopeKind::Block:
            return QObject::tr("block");
        case widgets::DiagramScopeKind::Branch:
            return QObject::tr("parallel branch");
        case widgets::DiagramScopeKind::SidePath:
            return QObject::tr("side path (squeeze-and-excitation)");
        case widgets::DiagramScopeKind::Shortcut:
            return QObject::tr("shortcut projection");
        case widgets::DiagramScopeKind::SideExit:
            return QObject::tr("side exit (auxiliary classifier: its own output, never merged back)");
    }
    return {};
}

/// What a scope's title alone cannot say. GoogLeNet's third branch is a 3x3 in torchvision: why, and where
/// the real 5x5 is.
QString scopeNote(const widgets::DiagramScope& s) {
    if (s.kind == widgets::DiagramScopeKind::Branch && s.title.contains(QLatin1String("5x5 in the paper")))
        return QObject::tr(
            "<p>The paper's GoogLeNet has a 5x5 convolution in this branch. torchvision's has a 3x3 here: a "
            "known torchvision quirk, kept because its pretrained weights were trained with the 3x3 and "
            "would no longer load. The model <b>seed-inception</b> (the seed's own Inception module) has the "
            "real 5x5.</p>");
    if (s.kind == widgets::DiagramScopeKind::SideExit)
        return QObject::tr(
            "<p>An auxiliary classifier: it reads the trunk here and ends in its own class scores, which "
            "are added (down-weighted) to the loss in training to give the middle of the network a stronger "
            "gradient. Nothing after it reads its output; in evaluation it is not used.</p>");
    return {};
}

QString receptive(const widgets::DiagramNode& n) {
    if (n.global) return QObject::tr("the whole image (after global pooling or a fully connected layer)");
    return QObject::tr("%1×%1 input pixels; neighbouring outputs are %2 pixels apart")
        .arg(n.receptiveField)
        .arg(n.jump);
}

}  // namespace

ArchitectureDetails::ArchitectureDetails(QWidget* parent) : QTextBrowser(parent) {
    setOpenLinks(false);
    setObjectName(QStringLiteral("architectureDetails"));
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        const QString s = url.toString();
        if (s.startsWith(QLatin1String("tap:"))) Q_EMIT featureMapsRequested(s.mid(4));
    });
}

void ArchitectureDetails::setResult(const ArchitectureResult* result) {
    m_result = result;
    showSummary();
}

bool ArchitectureDetails::inside(int scope, int ancestor) const {
    const auto& scopes = m_result->graph.scopes;
    for (int s = scope; s >= 0 && s < scopes.size(); s = scopes[s].parent)
        if (s == ancestor) return true;
    return false;
}

bool ArchitectureDetails::inheritsName(int scopeId) const {
    const auto& scopes = m_result->graph.scopes;
    const int parent = scopes[scopeId].parent;
    return parent >= 0 && parent < scopes.size() && scopes[parent].name == scopes[scopeId].name;
}

QString ArchitectureDetails::tapForNode(int nodeId) const {
    if (!m_result) return {};
    for (const ArchitectureTap& t : m_result->taps)
        if (t.node == nodeId) return t.name;
    return {};
}

QString ArchitectureDetails::tapForScope(int scopeId) const {
    if (!m_result || scopeId < 0 || scopeId >= m_result->graph.scopes.size()) return {};
    // An unnamed group (Inception-v3's and the seed module's branches keep torchvision's layer names) has
    // its parent's path: the tap of that name is the parent's output, not the group's.
    if (inheritsName(scopeId)) return {};
    const QString& name = m_result->graph.scopes[scopeId].name;
    for (const ArchitectureTap& t : m_result->taps)
        if (t.name == name) return t.name;
    return {};
}

QString ArchitectureDetails::tapLink(const QString& tap) const {
    if (tap.isEmpty()) return {};
    return tr("<p><a href=\"tap:%1\">Show the feature maps at %1</a> (the Feature maps panel shows them for "
              "the "
              "checkpoint or the run it has open).</p>")
        .arg(tap.toHtmlEscaped());
}

QString ArchitectureDetails::nodeHtml(const widgets::DiagramNode& n) const {
    QString h = QStringLiteral("<h3>%1 <small>(%2)</small></h3>").arg(n.name.toHtmlEscaped(), n.type);
    if (!n.detail.isEmpty()) h += QStringLiteral("<p>%1</p>").arg(n.detail.toHtmlEscaped());
    QStringList inputs;
    for (int i : n.inputs)
        if (i >= 0 && i < m_result->graph.nodes.size())
            inputs << QStringLiteral("%1 (%2)").arg(m_result->graph.nodes[i].name.toHtmlEscaped(),
                                                    shape(m_result->graph.nodes[i].shape));
    h += QStringLiteral("<table cellspacing=4>");
    auto row = [&h](const QString& k, const QString& v) {
        h += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(k, v);
    };
    if (!inputs.isEmpty()) row(tr("Input"), inputs.join(QStringLiteral("<br>")));
    row(tr("Output"), shape(n.shape));
    row(tr("Parameters"),
        n.parameters ? QStringLiteral("<tt>%1</tt>").arg(n.parameterArithmetic) : tr("none"));
    if (n.macs) row(tr("Multiply-accumulates"), QStringLiteral("<tt>%1</tt>").arg(n.macArithmetic));
    row(tr("Activation"), tr("%1 (float32, one image)").arg(bytes(n.activationBytes)));
    row(tr("Receptive field"), receptive(n));
    h += QStringLiteral("</table>");
    return h + tapLink(tapForNode(n.id));
}

void ArchitectureDetails::showNode(int nodeId) {
    if (!m_result || nodeId < 0 || nodeId >= m_result->graph.nodes.size()) return;
    setHtml(nodeHtml(m_result->graph.nodes[nodeId]));
}

void ArchitectureDetails::showScope(int scopeId) {
    if (!m_result || scopeId < 0 || scopeId >= m_result->graph.scopes.size()) return;
    const widgets::DiagramScope& s = m_result->graph.scopes[scopeId];
    qint64 params = 0, macs = 0;
    int count = 0;
    const widgets::DiagramNode* first = nullptr;
    const widgets::DiagramNode* last = nullptr;
    QString layers;
    for (const widgets::DiagramNode& n : m_result->graph.nodes) {
        if (!inside(n.scope, scopeId)) continue;
        params += n.parameters;
        macs += n.macs;
        ++count;
        if (!first) first = &n;
        last = &n;
        // Named inside the block ("branch1.conv", not "inception3a.branch1.conv"): the pane is narrow.
        const QString local = !s.name.isEmpty() && n.name.startsWith(s.name + QLatin1Char('.'))
                                  ? n.name.mid(s.name.size() + 1)
                                  : n.name;
        if (n.parameters)
            layers += QStringLiteral("<tr><td>%1</td><td><tt>%2</tt></td></tr>")
                          .arg(local.toHtmlEscaped(), n.parameterArithmetic);
    }
    QString h =
        QStringLiteral("<h3>%1 <small>— %2</small></h3>").arg(s.title.toHtmlEscaped(), kindName(s.kind));
    if (!s.name.isEmpty() && !inheritsName(scopeId))
        h += QStringLiteral("<p><tt>%1</tt></p>").arg(s.name.toHtmlEscaped());
    h += QStringLiteral("<table cellspacing=4>");
    auto row = [&h](const QString& k, const QString& v) {
        h += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(k, v);
    };
    if (first && !first->inputs.isEmpty() && first->inputs.front() < m_result->graph.nodes.size())
        row(tr("Input"), shape(m_result->graph.nodes[first->inputs.front()].shape));
    if (last) row(tr("Output"), shape(last->shape));
    row(tr("Operations"), QString::number(count));
    row(tr("Parameters"), number(params));
    row(tr("Multiply-accumulates"), number(macs));
    if (last) row(tr("Receptive field at its output"), receptive(*last));
    h += QStringLiteral("</table>");
    h += scopeNote(s);
    if (!layers.isEmpty())
        h += tr("<p><b>Where the parameters are</b></p><table cellspacing=3>%1</table>").arg(layers);
    setHtml(h + tapLink(tapForScope(scopeId)));
}

void ArchitectureDetails::showSummary() {
    if (!m_result) {
        setHtml(tr("<p>Choose a model above to see how it is built.</p>"));
        return;
    }
    const ArchitectureResult& r = *m_result;
    // How the model differs from its namesake (the catalog's note): GoogLeNet's 3x3, the slides' AlexNet.
    const nn::ModelInfo* info = nn::findModel(r.request.model.toStdString());
    const QString note =
        info && !info->note.empty()
            ? QStringLiteral("<p>%1</p>").arg(QString::fromStdString(info->note).toHtmlEscaped())
            : QString();
    setHtml(tr("<h3>%1</h3><p>Input %2×%3×%3, %4 classes.</p>"
               "<table cellspacing=4><tr><td><b>Parameters</b></td><td>%5</td></tr>"
               "<tr><td><b>Multiply-accumulates</b></td><td>%6 per image</td></tr>"
               "<tr><td><b>Activations</b></td><td>%7 per image (float32, every operation's output)</td></tr>"
               "<tr><td><b>Operations</b></td><td>%8</td></tr></table>"
               "<p>Every number comes from running the model once on a blank image with the tracer on. Click "
               "a box for its arithmetic; double-click a frame to fold or unfold it; hover an arrow for the "
               "tensor it carries.</p>")
                .arg(r.title.toHtmlEscaped())
                .arg(r.request.inChannels)
                .arg(r.request.inputSize)
                .arg(r.request.classes)
                .arg(number(r.graph.totalParameters), number(r.graph.totalMacs), bytes(r.activationBytes))
                .arg(r.graph.nodes.size() - 1) +
            note);
}

}  // namespace convscope::gui
