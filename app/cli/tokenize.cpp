// esmx tokenize: token ids exactly as HuggingFace's EsmTokenizer gives them.
#include "args.h"
#include "commands.h"
#include "model_argument.h"

#include "core/nn/checkpoint/tokenizer.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace cli {

int runTokenize(const Arguments& arguments) {
    Args args(
        "tokenize", "--model DIR SEQ...",
        "Prints a JSON list with the token ids of each SEQ (<cls> ... <eos>), from the model's vocab.txt.");
    addModelOption(args, "model whose vocab.txt to use");
    args.positionals("SEQ...", "text to tokenize", 1, 100000);
    args.parse(arguments);
    const auto tokenizer = esm::EsmTokenizer::fromFile(
        std::filesystem::path(modelFolder(args, esm::Progress::none())) / "vocab.txt");
    nlohmann::json out = nlohmann::json::array();
    for (const auto& text : args.positional())
        out.push_back(tokenizer.encode(text));
    std::cout << out.dump() << '\n';
    return 0;
}

} // namespace cli
