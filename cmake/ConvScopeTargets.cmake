# How ConvScope's targets are made. Every library is static, named convscope_<name> with the alias
# ConvScope::<name>, and compiled with the project's warnings.
#
# Include roots: a library's headers are reachable only by the targets that link it. Each library gets a
# folder of its own in the build tree (include/convscope_<name>) holding a symbolic link for every header it
# lists in its sources, at the header's path from the project root; that folder is the library's only public
# include directory. So "core/nn/models/resnet.h" compiles in a target that links ConvScope::nn and fails in
# one that does not: the layering (docs/ARCHITECTURE.md) is checked by the compiler. List every header in its
# target's sources (target_sources in the header's folder), then call convscope_publish_headers once all of
# the target's folders have been added.

# convscope_library(<name> [QT])
function(convscope_library name)
    cmake_parse_arguments(ARG "QT" "" "" ${ARGN})
    set(target convscope_${name})
    add_library(${target} STATIC)
    add_library(ConvScope::${name} ALIAS ${target})
    target_link_libraries(${target} PRIVATE ConvScope::warnings)
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include/${target}>)
    if(ARG_QT)
        convscope_use_qt(${target})
        set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 12)
    else()
        # qt_standard_project_setup switches automoc on everywhere: the engine has nothing for it to do.
        set_target_properties(${target} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
    endif()
endfunction()

# The Qt rules of docs/ARCHITECTURE.md for a target of the application (and, for its libraries, unity batches
# of 12 sources: Qt's headers are parsed once per batch rather than once per file; keep helpers in anonymous
# namespaces uniquely named within the library): no Qt keywords (LibTorch's headers use
# the name `slots`), no implicit conversion of char* to QString (every literal says its encoding), and
# QStringBuilder for concatenations.
function(convscope_use_qt target)
    target_compile_definitions(${target} PUBLIC QT_NO_KEYWORDS PRIVATE QT_NO_CAST_FROM_ASCII QT_USE_QSTRINGBUILDER)
endfunction()

# Creates the include root of `target` from the headers among its sources (see above).
function(convscope_publish_headers target)
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    get_target_property(type ${target} TYPE)
    set(root ${PROJECT_BINARY_DIR}/include/${target})
    # Rebuilt at every configure, so that a header removed from a target stops being reachable through it.
    file(REMOVE_RECURSE ${root})
    file(MAKE_DIRECTORY ${root})
    foreach(source IN LISTS sources)
        if(NOT source MATCHES "\\.h$")
            continue()
        endif()
        if(NOT IS_ABSOLUTE ${source})
            set(source ${source_dir}/${source})
        endif()
        file(RELATIVE_PATH relative ${PROJECT_SOURCE_DIR} ${source})
        get_filename_component(folder ${root}/${relative} DIRECTORY)
        file(MAKE_DIRECTORY ${folder})
        file(CREATE_LINK ${source} ${root}/${relative} SYMBOLIC)
    endforeach()
    if(type STREQUAL "EXECUTABLE")
        target_include_directories(${target} PRIVATE ${root})
    endif()
endfunction()

# A target whose sources include <torch/torch.h>. Parsing that header takes about 16 s per translation unit,
# so: (1) one precompiled copy of it serves every such target (convscope_torch_pch: about 35 s to make once,
# 7 s to load), and (2) the target's sources are compiled as unity batches of `batch` files (default 16), so
# that the header is loaded, and LibTorch's templates instantiated, once per batch rather than once per file
# (ten zoo models take 30 s together against 220 s apart). Keep helpers in anonymous namespaces uniquely
# named within a target for this.
function(convscope_torch_build target)
    cmake_parse_arguments(ARG "" "BATCH" "" ${ARGN})
    if(NOT ARG_BATCH)
        set(ARG_BATCH 16)
    endif()
    target_precompile_headers(${target} REUSE_FROM convscope_torch_pch)
    convscope_require_pch(${target})
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${ARG_BATCH})
endfunction()

# A precompiled header that does not fit (other flags, other predefined macros) is silently parsed again:
# GCC is told to fail instead, so that the build stays as fast as measured.
# Executables compile with -fPIE where the header was precompiled for a library (-fPIC): -fPIC after it makes
# them agree (the code differs only in how it may be linked).
function(convscope_require_pch target)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${target} PRIVATE -Werror=invalid-pch -fPIC)
    elseif(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        # clang refuses such a header outright ("is pie differs in PCH file").
        target_compile_options(${target} PRIVATE -fPIC)
    endif()
endfunction()

# The precompiled <torch/torch.h> that convscope_torch_build shares. Every target is position independent
# (Qt requires it of its users), so that one precompiled header fits them all.
function(convscope_add_torch_pch)
    add_library(convscope_torch_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/pch_anchor.cpp)
    # The same flags as its users (-Wpedantic changes what the compiler predefines, e.g. __cpp_runtime_arrays,
    # and a header precompiled with other predefinitions is not used).
    target_link_libraries(convscope_torch_pch PUBLIC torch PRIVATE ConvScope::warnings)
    target_precompile_headers(convscope_torch_pch PRIVATE <torch/torch.h>)
    set_target_properties(convscope_torch_pch PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
endfunction()
