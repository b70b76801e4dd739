#include "dr_jpeg.h"
