#include "app/gui/architecture/factorisation_box.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "core/conv/factorisation_cost.h"
#include "widgets/common/number_text.h"

namespace convscope::gui {

namespace {

QLabel* factorLabel(const QString& text = QString(), Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter) {
    auto* l = new QLabel(text);
    l->setAlignment(align);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

// As the traced comparisons above: one term a line, right-aligned under its count, in a smaller fixed font.
QLabel* factorArithmeticLabel() {
    QLabel* l = factorLabel(QString(), Qt::AlignRight | Qt::AlignTop);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(std::max(7.0, l->font().pointSizeF() * 0.85));
    l->setFont(mono);
    l->setForegroundRole(QPalette::PlaceholderText);
    return l;
}

QString factorTermsOnLines(const std::string& arithmetic) {
    QString lines = QString::fromStdString(arithmetic);
    return lines.replace(QStringLiteral(" + "), QStringLiteral("\n+ "))
        .replace(QStringLiteral(" = "), QStringLiteral("\n= "));
}

QSpinBox* factorSpin(const char* name, int low, int high, int value, const QString& tip) {
    auto* s = new QSpinBox;
    s->setObjectName(QLatin1String(name));
    s->setRange(low, high);
    s->setValue(value);
    s->setToolTip(tip);
    return s;
}

}  // namespace

FactorisationBox::FactorisationBox(QWidget* parent)
    : QGroupBox(tr("Factorised convolutions (Inception v2 and v3)"), parent) {
    setObjectName(QStringLiteral("costFactorisation"));
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        factorLabel(tr("A large kernel split into smaller ones that together see as far: fewer weights and "
                       "multiply-accumulates, and a nonlinearity between the parts. Change the channels, "
                       "the feature map size and n; every count is recomputed."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_in = factorSpin("factorInChannels", 1, 4096, 64, tr("C: the input channels of the convolution"));
    m_out = factorSpin("factorOutChannels", 1, 4096, 64,
                       tr("The output channels (the first part of a factorisation has as many)"));
    m_size = factorSpin("factorSize", 1, 4096, 56,
                        tr("The feature map's height and width; stride 1 and same padding keep it"));
    m_n = new QComboBox;
    m_n->setObjectName(QStringLiteral("factorN"));
    for (int n : {3, 5, 7}) m_n->addItem(QStringLiteral("%1").arg(n), n);
    m_n->setCurrentIndex(0);
    m_n->setToolTip(
        tr("n of the n×n convolution split into 1×n then n×1 (Inception v3 uses 7 on 17×17 maps)"));
    auto* settings = new QHBoxLayout;
    const auto add = [&](const QString& text, QWidget* w) {
        settings->addWidget(new QLabel(text));
        settings->addWidget(w);
        settings->addSpacing(12);
    };
    add(tr("Input channels C"), m_in);
    add(tr("Output channels"), m_out);
    add(tr("H = W"), m_size);
    add(tr("n"), m_n);
    settings->addStretch(1);
    layout->addLayout(settings);

    for (Labels& l : m_labels) layout->addWidget(comparisonWidget(l));
    layout->addSpacing(8);

    auto* biasTitle = factorLabel(tr("ResNet's 3×3 convolutions: the seeds' count and ConvScope's"));
    QFont bold = font();
    bold.setBold(true);
    biasTitle->setFont(bold);
    layout->addWidget(biasTitle);
    m_biasNote = factorLabel();
    m_biasNote->setObjectName(QStringLiteral("costResnetBias"));
    m_biasNote->setWordWrap(true);
    layout->addWidget(m_biasNote);

    for (QSpinBox* s : {m_in, m_out, m_size})
        connect(s, &QSpinBox::valueChanged, this, &FactorisationBox::recompute);
    connect(m_n, &QComboBox::currentIndexChanged, this, &FactorisationBox::recompute);
    recompute();
}

QWidget* FactorisationBox::comparisonWidget(Labels& l) {
    auto* w = new QWidget;
    auto* v = new QVBoxLayout(w);
    v->setContentsMargins(0, 8, 0, 0);
    QFont bold = font();
    bold.setBold(true);
    l.title = factorLabel();
    l.title->setFont(bold);
    v->addWidget(l.title);
    l.setting = factorLabel();
    l.setting->setWordWrap(true);
    v->addWidget(l.setting);
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(2);
    const auto header = [&](const QString& text, int column) {
        QLabel* h = factorLabel(text, Qt::AlignRight | Qt::AlignBottom);
        h->setFont(bold);
        grid->addWidget(h, 0, column);
    };
    header(tr("Weights"), 1);
    header(tr("MACs"), 2);
    header(tr("Receptive field"), 3);
    int row = 1;
    for (int r = 0; r < 2; ++r) {
        if (r > 0) grid->setRowMinimumHeight(row++, 6);
        l.rowLabels << factorLabel();
        l.parameters << factorLabel(QString(), Qt::AlignRight | Qt::AlignVCenter);
        l.macs << factorLabel(QString(), Qt::AlignRight | Qt::AlignVCenter);
        l.fields << factorLabel(QString(), Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(l.rowLabels.back(), row, 0);
        grid->addWidget(l.parameters.back(), row, 1);
        grid->addWidget(l.macs.back(), row, 2);
        grid->addWidget(l.fields.back(), row, 3);
        ++row;
        l.parameterArithmetic << factorArithmeticLabel();
        l.macArithmetic << factorArithmeticLabel();
        grid->addWidget(l.parameterArithmetic.back(), row, 1);
        grid->addWidget(l.macArithmetic.back(), row, 2);
        ++row;
    }
    grid->setColumnStretch(4, 1);
    v->addLayout(grid);
    l.conclusion = factorLabel();
    l.conclusion->setFont(bold);
    l.conclusion->setWordWrap(true);
    v->addWidget(l.conclusion);
    return w;
}

void FactorisationBox::recompute() {
    const int in = m_in->value(), out = m_out->value(), size = m_size->value();
    const conv::Factorisation comparisons[2] = {
        conv::compareStackedThrees(in, out, size, size),
        conv::compareAsymmetric(m_n->currentData().toInt(), in, out, size, size)};
    for (int c = 0; c < 2; ++c) {
        const conv::Factorisation& f = comparisons[c];
        Labels& l = m_labels[c];
        l.title->setText(QString::fromStdString(f.title));
        l.setting->setText(QString::fromStdString(f.setting));
        for (int r = 0; r < 2; ++r) {
            const conv::FactorisationRow& row = f.rows[std::size_t(r)];
            l.rowLabels[r]->setText(QString::fromStdString(row.label));
            l.parameters[r]->setText(widgets::groupedNumber(row.parameters));
            l.macs[r]->setText(widgets::groupedNumber(row.macs));
            l.fields[r]->setText(QStringLiteral("%1×%2").arg(row.receptiveHeight).arg(row.receptiveWidth));
            l.parameterArithmetic[r]->setText(factorTermsOnLines(row.parameterArithmetic));
            l.macArithmetic[r]->setText(factorTermsOnLines(row.macArithmetic));
        }
        l.conclusion->setText(QString::fromStdString(f.conclusion));
    }
    // The seeds' numbers are at 64 channels (ResNet's first stage), whatever the settings above.
    const conv::BiasCounts b = conv::resnetBiasCounts(64);
    m_biasNote->setText(
        tr("The seeds count each 64 → 64 convolution with a bias: %1, and the BasicBlock (two convolutions, "
           "two batch norms of γ and β) as %2. torchvision's ResNets, which ConvScope follows, have no bias "
           "there: %3 per convolution and %4 per block, because %5.")
            .arg(QString::fromStdString(b.convWithBiasArithmetic),
                 QString::fromStdString(b.blockWithBiasArithmetic),
                 QString::fromStdString(b.convWithoutBiasArithmetic),
                 QString::fromStdString(b.blockWithoutBiasArithmetic),
                 QString::fromStdString(conv::biasBeforeBatchNormReason())));
}

}  // namespace convscope::gui
