// The esmx subcommands: each lives in its own file and is listed once in commands.cpp.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

using Arguments = std::vector<std::string>;

struct Command {
    std::string_view name;
    std::string_view summary;
    int (*run)(const Arguments& arguments);
};

std::span<const Command> allCommands();

int runInfo(const Arguments& arguments);
int runConvert(const Arguments& arguments);
int runEmbed(const Arguments& arguments);
int runTokenize(const Arguments& arguments);
int runBench(const Arguments& arguments);
int runFold(const Arguments& arguments);
int runFoldSummary(const Arguments& arguments);
int runSs(const Arguments& arguments);
int runHeatmap(const Arguments& arguments);
int runScore(const Arguments& arguments);
int runCompare(const Arguments& arguments);
int runModels(const Arguments& arguments);
int runTrain(const Arguments& arguments);
int runPredict(const Arguments& arguments);

} // namespace cli
