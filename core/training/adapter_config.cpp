#include "core/training/adapter_config.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/json_text.h"

#include <cmath>

namespace esm {
namespace {

using Json = nlohmann::json;

// Far beyond PEFT's practice (a handful of module names).
constexpr std::size_t kMostTargets = 1000;

std::vector<std::string> targetModules(const Json& targets, const std::string& source) {
    if (targets.is_string())
        return {targets.get<std::string>()};
    if (!targets.is_array() || targets.size() > kMostTargets)
        throw Error(source + ": target_modules is not a module name or a list of at most " +
                    std::to_string(kMostTargets) + " names");
    std::vector<std::string> names;
    for (const Json& name : targets) {
        if (!name.is_string())
            throw Error(source + ": target_modules holds " + jsonPreview(name) + ", not a module name");
        names.push_back(name.get<std::string>());
    }
    return names;
}

} // namespace

AdapterConfig parseAdapterConfig(const std::string& json, const std::string& source) {
    const Json j = parseJsonText(json, source);
    if (!j.is_object())
        throw Error(source + ": not a JSON object");
    const auto field = [&](const char* key) { return j.contains(key) ? j.at(key) : Json(); };
    if (field("peft_type") != "LORA")
        throw Error(source + ": peft_type is not LORA");
    const Json type = field("task_type");
    if (type != "SEQ_CLS" && type != "TOKEN_CLS")
        throw Error(source + ": task_type " + jsonPreview(type) +
                    " (predict takes SEQ_CLS and TOKEN_CLS adapters)");
    const Json rank = field("r"), alpha = field("lora_alpha");
    if (!rank.is_number_integer() || rank.get<std::int64_t>() < 1 || rank.get<std::int64_t>() > 4096 ||
        !alpha.is_number() || !(alpha.get<double>() > 0) || !std::isfinite(alpha.get<double>()))
        throw Error(source + ": r must be 1 to 4096 and lora_alpha positive");
    AdapterConfig c;
    c.task = type == "TOKEN_CLS" ? TrainingTask::TokenClassification : TrainingTask::SequenceClassification;
    c.rank = rank.get<int>();
    c.alpha = alpha.get<double>();
    c.targets = targetModules(field("target_modules"), source);
    if (const Json base = field("base_model_name_or_path"); base.is_string())
        c.baseModel = base.get<std::string>();
    return c;
}

AdapterConfig readAdapterConfig(const std::filesystem::path& folder) {
    const std::filesystem::path path = folder / "adapter_config.json";
    if (!std::filesystem::is_regular_file(path))
        throw Error(folder.string() + ": no adapter_config.json (not a PEFT adapter folder)");
    return parseAdapterConfig(readRegularFile(path), path.string());
}

std::vector<std::string> parseAdapterLabels(const std::string& json, const std::string& source) {
    const Json j = parseJsonText(json, source);
    std::vector<std::string> names;
    if (!j.is_array() || j.size() > kMostLabels)
        return names;
    for (const Json& name : j) {
        if (!name.is_string())
            return {};
        names.push_back(name.get<std::string>());
    }
    return names;
}

std::vector<std::string> readAdapterLabels(const std::filesystem::path& folder) {
    const std::filesystem::path path = folder / "labels.json";
    if (!std::filesystem::is_regular_file(path))
        return {};
    return parseAdapterLabels(readRegularFile(path), path.string());
}

} // namespace esm
