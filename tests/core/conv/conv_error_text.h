#pragma once

#include <functional>

#include <QString>

#include "core/conv/conv_spec.h"

namespace convscope::conv::testing {

/// The message of the ConvError `f` throws, or "no error" so that a missing throw fails a comparison visibly.
inline QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const ConvError& e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("no error");
}

}  // namespace convscope::conv::testing
