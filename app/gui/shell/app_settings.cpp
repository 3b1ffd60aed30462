#include "app/gui/shell/app_settings.h"

namespace convscope::gui {

namespace key {
// The only place where setting keys are spelled.
constexpr auto geometry = "window/geometry";
constexpr auto state = "window/state";
constexpr auto panel = "window/currentPanel";
constexpr auto recent = "files/recent";
constexpr auto lastDir = "files/lastDirectory";
constexpr auto lastImage = "files/lastImage";
constexpr auto patternWidth = "patterns/width";
constexpr auto patternHeight = "patterns/height";
constexpr auto patternFrequency = "patterns/frequency";
constexpr auto patternAngle = "patterns/angleDegrees";
constexpr auto patternMaxFrequency = "patterns/maxFrequency";
constexpr auto patternCellSize = "patterns/cellSize";
constexpr auto patternSteps = "patterns/steps";
constexpr auto patternSeed = "patterns/seed";
constexpr auto preset = "filters/preset";
constexpr auto params = "filters/params";
constexpr auto customRows = "filters/customRows";
constexpr auto customCols = "filters/customCols";
constexpr auto customValues = "filters/customValues";
constexpr auto mode = "filters/mode";
constexpr auto border = "filters/border";
constexpr auto display = "filters/display";
constexpr auto gray = "filters/grayscale";
constexpr auto stretch = "filters/stretch";
constexpr auto viewMode = "filters/viewMode";
constexpr auto split = "filters/splitPosition";
constexpr auto splitter = "filters/splitterState";
constexpr auto convMode = "convolution/mode";
constexpr auto convPage = "convolution/page";
constexpr auto convSpeed = "convolution/stepsPerSecond";
}  // namespace key

AppSettings::AppSettings() = default;

QByteArray AppSettings::windowGeometry() const {
    return m_settings.value(key::geometry).toByteArray();
}
void AppSettings::setWindowGeometry(const QByteArray& value) {
    m_settings.setValue(key::geometry, value);
}
QByteArray AppSettings::windowState() const {
    return m_settings.value(key::state).toByteArray();
}
void AppSettings::setWindowState(const QByteArray& value) {
    m_settings.setValue(key::state, value);
}
int AppSettings::currentPanel() const {
    return m_settings.value(key::panel, 0).toInt();
}
void AppSettings::setCurrentPanel(int index) {
    m_settings.setValue(key::panel, index);
}

QStringList AppSettings::recentFiles() const {
    return m_settings.value(key::recent).toStringList();
}
void AppSettings::setRecentFiles(const QStringList& files) {
    m_settings.setValue(key::recent, files.mid(0, kMaxRecentFiles));
}
void AppSettings::addRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    setRecentFiles(files);
}
QString AppSettings::lastDirectory() const {
    return m_settings.value(key::lastDir).toString();
}
void AppSettings::setLastDirectory(const QString& dir) {
    m_settings.setValue(key::lastDir, dir);
}
QString AppSettings::lastImage() const {
    return m_settings.value(key::lastImage).toString();
}
void AppSettings::setLastImage(const QString& path) {
    m_settings.setValue(key::lastImage, path);
}

imaging::PatternParams AppSettings::patternParams() const {
    const imaging::PatternParams defaults;
    imaging::PatternParams p;
    p.width = m_settings.value(key::patternWidth, defaults.width).toInt();
    p.height = m_settings.value(key::patternHeight, defaults.height).toInt();
    p.frequency = m_settings.value(key::patternFrequency, defaults.frequency).toDouble();
    p.angleDegrees = m_settings.value(key::patternAngle, defaults.angleDegrees).toDouble();
    p.maxFrequency = m_settings.value(key::patternMaxFrequency, defaults.maxFrequency).toDouble();
    p.cellSize = m_settings.value(key::patternCellSize, defaults.cellSize).toInt();
    p.steps = m_settings.value(key::patternSteps, defaults.steps).toInt();
    p.seed = m_settings.value(key::patternSeed, QVariant::fromValue<quint64>(defaults.seed)).toULongLong();
    return p;
}
void AppSettings::setPatternParams(const imaging::PatternParams& p) {
    m_settings.setValue(key::patternWidth, p.width);
    m_settings.setValue(key::patternHeight, p.height);
    m_settings.setValue(key::patternFrequency, p.frequency);
    m_settings.setValue(key::patternAngle, p.angleDegrees);
    m_settings.setValue(key::patternMaxFrequency, p.maxFrequency);
    m_settings.setValue(key::patternCellSize, p.cellSize);
    m_settings.setValue(key::patternSteps, p.steps);
    m_settings.setValue(key::patternSeed, QVariant::fromValue<quint64>(p.seed));
}

QString AppSettings::filterPreset() const {
    return m_settings.value(key::preset, QStringLiteral("sobel-x")).toString();
}
void AppSettings::setFilterPreset(const QString& name) {
    m_settings.setValue(key::preset, name);
}
QVariantMap AppSettings::filterParams() const {
    return m_settings.value(key::params).toMap();
}
void AppSettings::setFilterParams(const QVariantMap& params) {
    m_settings.setValue(key::params, params);
}
int AppSettings::customKernelRows() const {
    return m_settings.value(key::customRows, 3).toInt();
}
int AppSettings::customKernelCols() const {
    return m_settings.value(key::customCols, 3).toInt();
}
QVector<double> AppSettings::customKernelValues() const {
    QVector<double> values;
    for (const QVariant& v : m_settings.value(key::customValues).toList()) values.append(v.toDouble());
    return values;
}
void AppSettings::setCustomKernel(int rows, int cols, const QVector<double>& values) {
    QVariantList list;
    for (double v : values) list.append(v);
    m_settings.setValue(key::customRows, rows);
    m_settings.setValue(key::customCols, cols);
    m_settings.setValue(key::customValues, list);
}
QString AppSettings::correlationMode() const {
    return m_settings.value(key::mode, QStringLiteral("correlate")).toString();
}
void AppSettings::setCorrelationMode(const QString& mode) {
    m_settings.setValue(key::mode, mode);
}
QString AppSettings::borderMode() const {
    return m_settings.value(key::border, QStringLiteral("reflect101")).toString();
}
void AppSettings::setBorderMode(const QString& mode) {
    m_settings.setValue(key::border, mode);
}
QString AppSettings::signedDisplay() const {
    return m_settings.value(key::display, QStringLiteral("abs")).toString();
}
void AppSettings::setSignedDisplay(const QString& mode) {
    m_settings.setValue(key::display, mode);
}
bool AppSettings::grayscale() const {
    return m_settings.value(key::gray, false).toBool();
}
void AppSettings::setGrayscale(bool on) {
    m_settings.setValue(key::gray, on);
}
bool AppSettings::stretch() const {
    return m_settings.value(key::stretch, false).toBool();
}
void AppSettings::setStretch(bool on) {
    m_settings.setValue(key::stretch, on);
}
int AppSettings::filterViewMode() const {
    return m_settings.value(key::viewMode, 0).toInt();
}
void AppSettings::setFilterViewMode(int mode) {
    m_settings.setValue(key::viewMode, mode);
}
double AppSettings::splitPosition() const {
    return m_settings.value(key::split, 0.5).toDouble();
}
void AppSettings::setSplitPosition(double fraction) {
    m_settings.setValue(key::split, fraction);
}
QByteArray AppSettings::filtersSplitterState() const {
    return m_settings.value(key::splitter).toByteArray();
}
void AppSettings::setFiltersSplitterState(const QByteArray& state) {
    m_settings.setValue(key::splitter, state);
}

QString AppSettings::convolutionMode() const {
    return m_settings.value(key::convMode, QStringLiteral("single")).toString();
}
void AppSettings::setConvolutionMode(const QString& id) {
    m_settings.setValue(key::convMode, id);
}
int AppSettings::convolutionPage() const {
    return m_settings.value(key::convPage, 0).toInt();
}
void AppSettings::setConvolutionPage(int page) {
    m_settings.setValue(key::convPage, page);
}
double AppSettings::convolutionSpeed() const {
    return m_settings.value(key::convSpeed, 2.0).toDouble();
}
void AppSettings::setConvolutionSpeed(double stepsPerSecond) {
    m_settings.setValue(key::convSpeed, stepsPerSecond);
}

}  // namespace convscope::gui
