// A Qt application object for the commands that need one (network, fonts, the 3D view).
#pragma once

#include <memory>

namespace cli {

// Qt keeps references to argc and argv for the application's lifetime, hence the statics.
template <class Application> std::unique_ptr<Application> makeApplication() {
    static int argc = 1;
    static char name[] = "esmx";
    static char* argv[] = {name, nullptr};
    return std::make_unique<Application>(argc, argv);
}

} // namespace cli
