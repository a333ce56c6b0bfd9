#include "core/base/progress.h"

#include "core/base/error.h"

namespace esm {

void Progress::checkCancelled() const {
    if (cancelled && cancelled())
        throw Cancelled();
}

const Progress& Progress::none() {
    static const Progress silent;
    return silent;
}

} // namespace esm
