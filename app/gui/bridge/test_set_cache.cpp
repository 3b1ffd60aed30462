#include "app/gui/bridge/test_set_cache.h"

#include <QObject>
#include <QStringList>
#include <stdexcept>

#include "core/imaging/dataset_image_decoder.h"
#include "core/nn/data/dataset_subset.h"
#include "core/nn/data/folder_loading.h"

namespace convscope::gui::bridge {

const nn::ImageDataset& TestSetCache::load(const QString& directory, const QString& advice) {
    const QString dir =
        directory.isEmpty() ? QString::fromStdString(nn::defaultFashionMnistDirectory()) : directory;
    if (m_test && dir == m_directory && m_key == dir) return *m_test;
    m_test.reset();
    m_directory = dir;
    m_key.clear();
    try {
        m_test = std::make_unique<nn::ImageDataset>(nn::loadFashionMnist(dir.toStdString(), false));
    } catch (const std::exception& e) {
        if (advice.isEmpty()) throw;
        // The usual cause is a missing dataset: say where it was looked for and how to get it.
        throw std::runtime_error(QObject::tr("The Fashion-MNIST test set could not be read from %1 (%2). %3")
                                     .arg(dir, QString::fromUtf8(e.what()), advice)
                                     .toStdString());
    }
    m_key = dir;
    return *m_test;
}

const nn::ImageDataset& TestSetCache::loadFor(const nn::TrainConfig& config, const QString& directory,
                                              const QString& advice) {
    if (config.dataFolder.empty() && config.classSubset.empty()) return load(directory, advice);
    QStringList parts;
    for (int c : config.classSubset) parts << QString::number(c);
    const QString folder = QString::fromStdString(config.dataFolder);
    const QString key = QStringLiteral("%1|%2|%3|%4|%5|%6|%7")
                            .arg(folder.isEmpty() ? directory : folder)
                            .arg(config.testFraction)
                            .arg(config.splitSeed)
                            .arg(config.input.size)
                            .arg(config.model.inChannels)
                            .arg(parts.join(QLatin1Char(',')))
                            .arg(folder.isEmpty() ? QStringLiteral("idx") : QStringLiteral("folder"));
    if (m_test && key == m_key) return *m_test;
    nn::ImageDataset all;
    if (folder.isEmpty()) {
        all = load(directory, advice);
    } else {
        m_test.reset();
        m_directory = folder;
        m_key.clear();
        nn::FolderLoadOptions o;
        o.folder = config.dataFolder;
        o.testFraction = config.testFraction;
        o.splitSeed = config.splitSeed;
        o.size = config.input.size;
        o.channels = config.model.inChannels;
        o.classSubset = config.classSubset;
        o.decodeTrain = false;
        nn::LoadedFolder loaded;
        try {
            loaded = nn::loadImageFolder(
                o, [](const std::string& path, int s, int ch, std::uint8_t* out, std::string& error) {
                    return imaging::decodeDatasetImage(path, s, ch, out, error);
                });
        } catch (const std::exception& e) {
            throw std::runtime_error(
                QObject::tr("The test images of the run's folder %1 could not be read: %2")
                    .arg(folder, QString::fromUtf8(e.what()))
                    .toStdString());
        }
        // The folder must still hold the classes the run learnt, in the same order, or the labels would lie.
        if (!config.classNames.empty() && loaded.scan.classNames != config.classNames)
            throw std::runtime_error(
                QObject::tr(
                    "The folder %1 no longer holds the classes the run trained on: its model's labels "
                    "would not match the images.")
                    .arg(folder)
                    .toStdString());
        all = std::move(loaded.test.data);
    }
    nn::ImageDataset chosen = nn::selectClasses(all, config.classSubset);
    m_test = std::make_unique<nn::ImageDataset>(std::move(chosen));
    m_directory = folder.isEmpty() ? m_directory : folder;
    m_key = key;
    return *m_test;
}

}  // namespace convscope::gui::bridge
