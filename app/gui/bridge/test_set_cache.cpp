#include "app/gui/bridge/test_set_cache.h"

#include <QObject>
#include <stdexcept>

namespace convscope::gui::bridge {

const nn::ImageDataset& TestSetCache::load(const QString& directory, const QString& advice) {
    const QString dir =
        directory.isEmpty() ? QString::fromStdString(nn::defaultFashionMnistDirectory()) : directory;
    if (m_test && dir == m_directory) return *m_test;
    m_test.reset();
    m_directory = dir;
    try {
        m_test = std::make_unique<nn::ImageDataset>(nn::loadFashionMnist(dir.toStdString(), false));
    } catch (const std::exception& e) {
        if (advice.isEmpty()) throw;
        // The usual cause is a missing dataset: say where it was looked for and how to get it.
        throw std::runtime_error(QObject::tr("The Fashion-MNIST test set could not be read from %1 (%2). %3")
                                     .arg(dir, QString::fromUtf8(e.what()), advice)
                                     .toStdString());
    }
    return *m_test;
}

}  // namespace convscope::gui::bridge
