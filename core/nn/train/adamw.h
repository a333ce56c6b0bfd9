// torch.optim.AdamW as HuggingFace's Trainer sets it up: decoupled weight decay, bias-corrected
// moments, the same operations in the same order (torch 1.13's single-tensor path), so that a run
// gives the weights PyTorch gives. Parameters come in groups, each with its weight decay.
#pragma once

#include "core/nn/torch_includes.h"

#include <map>
#include <string>
#include <vector>

namespace esm::nn {

struct NamedParameter {
    std::string name;
    at::Tensor tensor;
};

class AdamW {
  public:
    struct Group {
        std::vector<NamedParameter> parameters;
        double weightDecay = 0.0;
    };
    struct Settings {
        double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    };

    AdamW(std::vector<Group> groups, Settings settings);

    // One update at learning rate `lr` of every parameter that has a gradient.
    void step(double lr);
    void zeroGrad();

    // The moments and step count of every parameter as tensors named "<name>.exp_avg",
    // "<name>.exp_avg_sq" and "<name>.step", for a checkpoint; restoreState takes them back and
    // throws Error naming what is missing, of the wrong shape, or not a usable value.
    std::map<std::string, at::Tensor> state() const;
    void restoreState(const std::map<std::string, at::Tensor>& state);

    const std::vector<Group>& groups() const { return groups_; }

  private:
    struct Moments {
        at::Tensor expAvg, expAvgSq;
        double step = 0;
    };
    Moments& momentsOf(const NamedParameter& p);

    std::vector<Group> groups_;
    Settings settings_;
    std::map<std::string, Moments> moments_;
};

// clip_grad_norm_(parameters, maxNorm) of torch 1.13: the 2-norm of every gradient's 2-norm, and
// every gradient scaled by min(1, maxNorm / (norm + 1e-6)). Returns the norm before clipping.
double clipGradientNorm(const std::vector<at::Tensor>& parameters, double maxNorm);

} // namespace esm::nn
