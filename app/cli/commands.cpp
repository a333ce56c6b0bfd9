#include "commands.h"

#include <array>

namespace cli {

std::span<const Command> allCommands() {
    static constexpr std::array commands{
        Command{"info", "structure files (chains, sequences, pLDDT) or a model folder (--model)", runInfo},
        Command{"convert", "convert between PDB and mmCIF", runConvert},
        Command{"ss", "DSSP secondary structure of each chain", runSs},
        Command{"compare", "RMSD, TM-score and GDT-TS of a model against a reference", runCompare},
        Command{"embed", "language-model logits, hidden states and contacts to safetensors", runEmbed},
        Command{"tokenize", "ESM token ids of sequences, as JSON", runTokenize},
        Command{"heatmap", "score of every substitution at every position (CSV, figure)", runHeatmap},
        Command{"score", "scores of mutation sets, pseudo-log-likelihood", runScore},
        Command{"fold", "ESMFold structures with pLDDT, PAE and pTM", runFold},
        Command{"fold-summary", "check a fold folder against its input; one table of every record",
                runFoldSummary},
        Command{"train", "fine-tune a model on labelled sequences (full, head or LoRA)", runTrain},
        Command{"predict", "apply a trained classification or regression model", runPredict},
        Command{"models", "models in the HuggingFace cache; download from the hub", runModels},
        Command{"bench", "speed and memory of real model shapes (random weights)", runBench},
    };
    return commands;
}

} // namespace cli
