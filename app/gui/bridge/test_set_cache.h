#pragma once

#include <QString>
#include <memory>

#include "core/nn/data/image_dataset.h"

namespace convscope::gui::bridge {

/// Fashion-MNIST's test set, read once per folder (an empty folder means Debian's dataset-fashion-mnist).
/// Used on one worker thread.
class TestSetCache {
public:
    /// The test set in `directory`. When it cannot be read: with an empty `advice` the reader's exception
    /// as it is, else std::runtime_error "The Fashion-MNIST test set could not be read from DIR (reason).
    /// <advice>".
    const nn::ImageDataset& load(const QString& directory, const QString& advice = QString());
    /// The folder last asked for (resolved).
    QString directory() const { return m_directory; }

private:
    std::unique_ptr<nn::ImageDataset> m_test;
    QString m_directory;
};

}  // namespace convscope::gui::bridge
