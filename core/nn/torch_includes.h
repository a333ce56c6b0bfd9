// The LibTorch headers of the nn library, compiled once as its precompiled header.
#pragma once

#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
