# wasm.mk -- the engine + Python layer + web/sim.c compiled to WebAssembly
# (wasm64) by emcc.  Called by build.sh (which sets up emcc's environment):
#   make -f web/wasm.mk OUT=<dir> ROOT=<repo> -j2
# Output: $(OUT)/sim.js (MODULARIZE, SINGLE_FILE: the wasm inside).
ROOT ?= ..
OUT  ?= build
EMCC ?= emcc
SRCS := $(ROOT)/src/os/os.c $(wildcard $(ROOT)/src/alloc/*.c $(ROOT)/src/object/*.c \
        $(ROOT)/src/gc/*.c $(ROOT)/src/events/*.c $(ROOT)/src/types/*.c $(ROOT)/src/lang/*.c) \
        $(ROOT)/web/sim.c $(ROOT)/web/wasm64_rt.c
OBJS := $(patsubst $(ROOT)/%.c,$(OUT)/obj/%.o,$(SRCS))
CFLAGS := -std=c11 -O2 -sMEMORY64=1 -D_GNU_SOURCE -DRG_BUILDING_LIBRARY -I$(ROOT)/include -I$(ROOT)/src \
          -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-command-line-argument
EXPORTS := _sim_run,_sim_free,_sim_result_data,_sim_result_len,_sim_result_truncated,_malloc,_free
LDFLAGS := -O2 -sMEMORY64=1 -sMODULARIZE=1 -sEXPORT_NAME=createSim -sSINGLE_FILE=1 \
           -sENVIRONMENT=web,worker,node -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB \
           -sMAXIMUM_MEMORY=4GB -sTOTAL_STACK=16MB -sEXPORTED_FUNCTIONS=$(EXPORTS) \
           -sEXPORTED_RUNTIME_METHODS=HEAPU8 -sEXIT_RUNTIME=0 -sFILESYSTEM=0 --js-library $(ROOT)/web/wasm64.js

$(OUT)/sim.js: $(OBJS) $(ROOT)/web/wasm64.js
	$(EMCC) $(LDFLAGS) $(OBJS) -o $@

$(OUT)/obj/%.o: $(ROOT)/%.c
	@mkdir -p $(dir $@)
	$(EMCC) $(CFLAGS) -MMD -MP -c $< -o $@

-include $(OBJS:.o=.d)
