// Follows torch/optim/adamw.py _single_tensor_adamw and torch/nn/utils/clip_grad.py (torch 1.13).
#include "core/nn/train/adamw.h"

#include "core/base/error.h"

#include <cmath>

namespace esm::nn {

AdamW::AdamW(std::vector<Group> groups, Settings settings)
    : groups_(std::move(groups)), settings_(settings) {}

AdamW::Moments& AdamW::momentsOf(const NamedParameter& p) {
    Moments& m = moments_[p.name];
    if (!m.expAvg.defined()) {
        m.expAvg = at::zeros_like(p.tensor, at::MemoryFormat::Preserve);
        m.expAvgSq = at::zeros_like(p.tensor, at::MemoryFormat::Preserve);
    }
    return m;
}

void AdamW::step(double lr) {
    at::NoGradGuard noGrad;
    const auto [beta1, beta2, eps] = settings_;
    for (const Group& group : groups_)
        for (const NamedParameter& p : group.parameters) {
            const at::Tensor& grad = p.tensor.grad();
            if (!grad.defined())
                continue;
            Moments& m = momentsOf(p);
            m.step += 1;
            at::Tensor param = p.tensor;
            param.mul_(1 - lr * group.weightDecay);
            m.expAvg.mul_(beta1).add_(grad, 1 - beta1);
            m.expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            const double biasCorrection1 = 1 - std::pow(beta1, m.step);
            const double biasCorrection2 = 1 - std::pow(beta2, m.step);
            const double stepSize = lr / biasCorrection1;
            const at::Tensor denom = (m.expAvgSq.sqrt() / std::sqrt(biasCorrection2)).add_(eps);
            param.addcdiv_(m.expAvg, denom, -stepSize);
        }
}

void AdamW::zeroGrad() {
    for (const Group& group : groups_)
        for (const NamedParameter& p : group.parameters)
            if (p.tensor.grad().defined())
                p.tensor.mutable_grad() = at::Tensor();
}

std::map<std::string, at::Tensor> AdamW::state() const {
    std::map<std::string, at::Tensor> out;
    for (const auto& [name, m] : moments_) {
        out[name + ".exp_avg"] = m.expAvg;
        out[name + ".exp_avg_sq"] = m.expAvgSq;
        out[name + ".step"] = at::scalar_tensor(m.step, at::kDouble).reshape({1});
    }
    return out;
}

namespace {

// A saved step count: one whole number, as state() writes it (a checkpoint is a user's file).
double stepCount(const std::string& name, const at::Tensor& saved) {
    if (saved.numel() != 1)
        throw Error("optimizer state '" + name + "' holds " + std::to_string(saved.numel()) +
                    " values, not one step count");
    const double step = saved.item<double>();
    if (!(step >= 1 && step <= 1e12) || step != std::floor(step))
        throw Error("optimizer state '" + name + "' is not a step count");
    return step;
}

// Moments a later step can use: finite, and the second moment never negative (its root is taken).
at::Tensor checkedMoment(const std::string& name, const at::Tensor& saved, bool secondMoment) {
    if (!at::isfinite(saved).all().item<bool>())
        throw Error("optimizer state '" + name + "' holds NaN or infinite values");
    if (secondMoment && saved.numel() > 0 && saved.min().item<double>() < 0)
        throw Error("optimizer state '" + name + "' holds negative squared gradients");
    return saved;
}

} // namespace

void AdamW::restoreState(const std::map<std::string, at::Tensor>& state) {
    moments_.clear();
    for (const Group& group : groups_)
        for (const NamedParameter& p : group.parameters) {
            const auto step = state.find(p.name + ".step");
            if (step == state.end())
                continue; // never stepped: no gradient reached it
            auto take = [&](const std::string& suffix) {
                const auto it = state.find(p.name + suffix);
                if (it == state.end())
                    throw Error("optimizer state has no '" + p.name + suffix + "'");
                if (it->second.sizes() != p.tensor.sizes())
                    throw Error("optimizer state '" + p.name + suffix + "' has the wrong shape");
                return checkedMoment(p.name + suffix, it->second, suffix == ".exp_avg_sq")
                    .to(p.tensor.scalar_type())
                    .clone();
            };
            moments_[p.name] =
                Moments{take(".exp_avg"), take(".exp_avg_sq"), stepCount(p.name + ".step", step->second)};
        }
}

double clipGradientNorm(const std::vector<at::Tensor>& parameters, double maxNorm) {
    at::NoGradGuard noGrad;
    std::vector<at::Tensor> norms;
    for (const at::Tensor& p : parameters)
        if (p.grad().defined())
            norms.push_back(at::norm(p.grad(), 2));
    if (norms.empty())
        return 0.0;
    const at::Tensor total = at::norm(at::stack(norms), 2);
    // PyTorch's `max_norm / t` is t.reciprocal() * max_norm, which rounds differently from a division.
    const at::Tensor coefficient = at::clamp((total + 1e-6).reciprocal() * maxNorm, c10::nullopt, 1.0);
    for (const at::Tensor& p : parameters)
        if (p.grad().defined())
            p.grad().mul_(coefficient);
    return total.item<double>();
}

} // namespace esm::nn
