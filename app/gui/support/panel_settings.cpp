#include "app/gui/support/panel_settings.h"

#include <QVariantList>

#include <cmath>

namespace convscope::gui {

PanelSettings::PanelSettings(const QString& group) : m_group(group) {}

QString PanelSettings::path(const char* key) const {
    return m_group + QLatin1Char('/') + QLatin1String(key);
}

int PanelSettings::integer(const char* key, int fallback, int min, int max) const {
    bool ok = false;
    const int value = m_file.value(path(key)).toInt(&ok);
    return ok && value >= min && value <= max ? value : fallback;
}

double PanelSettings::real(const char* key, double fallback, double min, double max) const {
    bool ok = false;
    const double value = m_file.value(path(key)).toDouble(&ok);
    return ok && std::isfinite(value) && value >= min && value <= max ? value : fallback;
}

bool PanelSettings::boolean(const char* key, bool fallback) const {
    const QVariant value = m_file.value(path(key));
    // An INI file stores "true"/"false"; anything else is not a saved choice.
    const QString text = value.toString();
    if (text == QLatin1String("true")) return true;
    if (text == QLatin1String("false")) return false;
    return fallback;
}

QString PanelSettings::text(const char* key, const QString& fallback) const {
    const QVariant value = m_file.value(path(key));
    return value.isValid() ? value.toString() : fallback;
}

QByteArray PanelSettings::bytes(const char* key) const {
    return m_file.value(path(key)).toByteArray();
}

QVariantMap PanelSettings::map(const char* key) const {
    return m_file.value(path(key)).toMap();
}

std::optional<common::Kernel> PanelSettings::kernel(const char* key) const {
    const QString base = path(key);
    bool rowsOk = false, colsOk = false;
    const int rows = m_file.value(base + QStringLiteral("/rows")).toInt(&rowsOk);
    const int cols = m_file.value(base + QStringLiteral("/cols")).toInt(&colsOk);
    const QVariantList list = m_file.value(base + QStringLiteral("/values")).toList();
    if (!rowsOk || !colsOk || rows < 1 || cols < 1 || rows > common::Kernel::kMaxSide ||
        cols > common::Kernel::kMaxSide || list.size() != rows * cols)
        return std::nullopt;
    std::vector<double> values;
    for (const QVariant& v : list) {
        bool ok = false;
        const double x = v.toDouble(&ok);
        if (!ok || !std::isfinite(x)) return std::nullopt;
        values.push_back(x);
    }
    return common::Kernel(rows, cols, values);
}

void PanelSettings::set(const char* key, const QVariant& value) {
    m_file.setValue(path(key), value);
}

void PanelSettings::setKernel(const char* key, const common::Kernel& kernel) {
    QVariantList list;
    for (double v : kernel.values()) list.append(v);
    const QString base = path(key);
    m_file.setValue(base + QStringLiteral("/rows"), kernel.rows());
    m_file.setValue(base + QStringLiteral("/cols"), kernel.cols());
    m_file.setValue(base + QStringLiteral("/values"), list);
}

void PanelSettings::remove(const char* key) {
    m_file.remove(path(key));
}

}  // namespace convscope::gui
