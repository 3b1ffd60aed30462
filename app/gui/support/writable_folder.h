#pragma once

#include <QString>

namespace convscope::gui {

/// Why files cannot be written into `folder`, as one sentence for the panel or dialog, or empty when they
/// can: checked before long work starts (a training run, the transfer experiment) rather than after its data
/// has loaded or its first epoch has run. A folder that does not exist yet passes when it can be created (its
/// nearest existing ancestor is a folder that takes new entries). A probe file is created and removed, so
/// permissions, read-only file systems and a file in the folder's place are all caught as the real write
/// would meet them (as root, too).
QString folderWriteProblem(const QString& folder);

}  // namespace convscope::gui
