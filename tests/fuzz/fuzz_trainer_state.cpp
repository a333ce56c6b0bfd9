// trainer_state.json of a checkpoint to resume (`esmx train --resume`): whatever is read is written
// back and reads the same.
#include "FuzzInput.h"

#include "core/training/trainer_state.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzzinput::expectReadOrRefusal([&] {
        const esm::TrainerState state =
            esm::parseTrainerState(fuzzinput::text(data, size), "trainer_state.json");
        const esm::TrainerState again = esm::parseTrainerState(esm::trainerStateJson(state), "written");
        if (again.globalStep != state.globalStep || again.logHistory.size() != state.logHistory.size() ||
            again.bestModelCheckpoint != state.bestModelCheckpoint)
            std::abort();
    });
}
