#include "core/nn/checkpoint/tf_weight_names.h"

#include <regex>

namespace esm {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            return parts;
        start = end + 1;
    }
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
}

bool contains(const std::vector<std::string>& parts, const std::string& what) {
    for (const auto& p : parts)
        if (p.find(what) != std::string::npos)
            return true;
    return false;
}

// TransposeType of the reference: which TF axis each PyTorch axis comes from.
std::vector<int> transposeAxes(const std::vector<std::string>& parts, std::size_t rank) {
    const std::string& leaf = parts.back();
    if (leaf == "kernel" && rank == 4)
        return {3, 2, 0, 1}; // CONV2D: (k0, k1, in, out) -> (out, in, k0, k1)
    if (leaf == "kernel" && rank == 3)
        return {2, 1, 0}; // CONV1D: (k, in, out) -> (out, in, k)
    if (leaf == "kernel" || leaf == "pointwise_kernel" || leaf == "depthwise_kernel" ||
        contains(parts, "emb_projs") || contains(parts, "out_projs")) {
        std::vector<int> reversed; // SIMPLE: numpy's .T reverses every axis
        for (int axis = int(rank) - 1; axis >= 0; --axis)
            reversed.push_back(axis);
        return rank > 1 ? reversed : std::vector<int>{};
    }
    return {};
}

} // namespace

PyTorchWeightName pytorchWeightName(const std::string& tfName, std::size_t rank) {
    std::string name = tfName;
    replaceAll(name, ":0", "");                                               // device ids
    name = std::regex_replace(name, std::regex("/[^/]*___([^/]*)/"), "/$1/"); // '$1___$2' -> $2
    replaceAll(name, "_._", "/");                                             // list index levels
    name = std::regex_replace(name, std::regex("//+"), "/");                  // empty levels
    std::vector<std::string> parts = split(name, '/');
    if (parts.size() > 1)
        parts.erase(parts.begin()); // level zero: the model's scope

    PyTorchWeightName result;
    result.axes = transposeAxes(parts, rank);
    std::string& leaf = parts.back();
    if (leaf == "kernel" || leaf == "embeddings" || leaf == "gamma")
        leaf = "weight";
    else if (leaf == "beta")
        leaf = "bias";
    else if (leaf == "pointwise_kernel" || leaf == "depthwise_kernel")
        leaf.replace(leaf.find("_kernel"), 7, ".weight");
    for (std::size_t i = 0; i < parts.size(); ++i)
        result.name += (i ? "." : "") + parts[i];
    return result;
}

} // namespace esm
