#include "dr_png.h"
