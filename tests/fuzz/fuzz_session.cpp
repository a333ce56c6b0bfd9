// Session files (.esmx): JSON holding structures as mmCIF, folds, scores and the undo history. The
// reader is the GUI's own (ui/services/session), built here without the rest of the GUI.
#include "FuzzInput.h"

#include "ui/services/session/SessionFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString path = QString::fromStdString(fuzzinput::asFile(data, size, ".esmx"));
    return fuzzinput::expectReadOrRefusal([&] { esmui::readSession(path); });
}
