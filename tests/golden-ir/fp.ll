; ModuleID = 'traceN'
source_filename = "traceN"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @traceN(ptr %0, ptr %1) {
entry:
  %t = alloca i32, align 4
  %t1 = alloca i64, align 8
  %t2 = alloca i64, align 8
  %t3 = alloca i64, align 8
  %t4 = alloca i64, align 8
  %t5 = alloca i256, align 8
  %g = alloca i64, align 8
  %g6 = alloca i32, align 4
  %g7 = alloca i32, align 4
  %g8 = alloca i32, align 4
  %g9 = alloca i32, align 4
  %g10 = alloca i64, align 8
  %g11 = alloca i64, align 8
  %g12 = alloca i64, align 8
  %steps = alloca i32, align 4
  store i32 0, ptr %steps, align 4
  %fpout = alloca i64, align 8
  %fpenv = alloca i1, align 1
  %2 = getelementptr i8, ptr %0, i64 12072
  %3 = getelementptr i8, ptr %2, i64 0
  %4 = load i16, ptr %3, align 2
  %5 = getelementptr i8, ptr %2, i64 2
  %6 = load i8, ptr %5, align 1
  %7 = getelementptr i8, ptr %2, i64 5
  %8 = load i8, ptr %7, align 1
  %9 = getelementptr i8, ptr %2, i64 6
  %10 = load i8, ptr %9, align 1
  %11 = and i16 %4, 16
  %12 = icmp ne i16 %11, 0
  %13 = icmp eq i8 %6, 0
  %14 = and i1 %12, %13
  %15 = or i8 %8, %10
  %16 = icmp eq i8 %15, 0
  %17 = and i1 %14, %16
  store i1 %17, ptr %fpenv, align 1
  %18 = getelementptr i8, ptr %0, i64 3192
  %19 = load i64, ptr %18, align 4
  %20 = icmp ne i64 %19, 0
  %21 = getelementptr i8, ptr %0, i64 3200
  %22 = load i256, ptr %21, align 4
  %23 = icmp ne i256 %22, 0
  %24 = or i1 %20, %23
  %25 = getelementptr i8, ptr %0, i64 3232
  %26 = load i128, ptr %25, align 4
  %27 = icmp ne i128 %26, 0
  %28 = or i1 %24, %27
  br i1 %28, label %not_entered, label %entered

not_entered:                                      ; preds = %entry
  %29 = getelementptr i8, ptr %1, i64 4
  store i32 0, ptr %29, align 4
  ret i32 3

entered:                                          ; preds = %entry
  %30 = getelementptr i8, ptr %0, i64 64
  %31 = load i64, ptr %30, align 4
  store i64 %31, ptr %g, align 4
  %32 = getelementptr i8, ptr %0, i64 540
  %33 = load i32, ptr %32, align 4
  store i32 %33, ptr %g6, align 4
  %34 = getelementptr i8, ptr %0, i64 536
  %35 = load i32, ptr %34, align 4
  store i32 %35, ptr %g7, align 4
  %36 = getelementptr i8, ptr %0, i64 528
  %37 = load i32, ptr %36, align 4
  store i32 %37, ptr %g8, align 4
  %38 = getelementptr i8, ptr %0, i64 532
  %39 = load i32, ptr %38, align 4
  store i32 %39, ptr %g9, align 4
  %40 = getelementptr i8, ptr %0, i64 320
  %41 = load i64, ptr %40, align 4
  store i64 %41, ptr %g10, align 4
  %42 = getelementptr i8, ptr %0, i64 3184
  %43 = load i64, ptr %42, align 4
  store i64 %43, ptr %g11, align 4
  %44 = getelementptr i8, ptr %0, i64 3440
  %45 = load i64, ptr %44, align 4
  store i64 %45, ptr %g12, align 4
  br label %pc_HEAD+0

pc_HEAD+0:                                        ; preds = %L13, %entered
  %46 = load i32, ptr %steps, align 4
  %47 = call i32 asm "", "=r,0"(i32 %46)
  store i32 %47, ptr %steps, align 4
  %48 = getelementptr i8, ptr %0, i64 ENV_NEG_OFFSET
  %49 = load volatile i32, ptr %48, align 4
  store i32 %49, ptr %t, align 4
  %50 = load i32, ptr %t, align 4
  %51 = icmp slt i32 %50, 0
  br i1 %51, label %L, label %52

52:                                               ; preds = %pc_HEAD+0
  %53 = ptrtoint ptr %0 to i64
  %54 = add i64 %53, 12072
  store i64 %54, ptr %t1, align 4
  %55 = load i64, ptr %g11, align 4
  store i64 %55, ptr %t2, align 4
  %56 = load i64, ptr %g12, align 4
  store i64 %56, ptr %t3, align 4
  %57 = load i64, ptr %t2, align 4
  %58 = bitcast i64 %57 to double
  %59 = load i64, ptr %t3, align 4
  %60 = bitcast i64 %59 to double
  %61 = load i64, ptr %t1, align 4
  %62 = inttoptr i64 %61 to ptr
  %63 = fadd double %58, %60
  %64 = call double @llvm.fabs.f64(double %63)
  %65 = fcmp olt double %64, 0x7FF0000000000000
  %66 = load i1, ptr %fpenv, align 1
  %67 = and i1 %66, %65
  br i1 %67, label %fp_done, label %fp_soft

L:                                                ; preds = %pc_HEAD+0
  %68 = getelementptr i8, ptr %0, i64 64
  %69 = load i64, ptr %g, align 4
  store i64 %69, ptr %68, align 4
  %70 = getelementptr i8, ptr %0, i64 540
  %71 = load i32, ptr %g6, align 4
  store i32 %71, ptr %70, align 4
  %72 = getelementptr i8, ptr %0, i64 536
  %73 = load i32, ptr %g7, align 4
  store i32 %73, ptr %72, align 4
  %74 = getelementptr i8, ptr %0, i64 528
  %75 = load i32, ptr %g8, align 4
  store i32 %75, ptr %74, align 4
  %76 = getelementptr i8, ptr %0, i64 532
  %77 = load i32, ptr %g9, align 4
  store i32 %77, ptr %76, align 4
  %78 = getelementptr i8, ptr %0, i64 3184
  %79 = load i64, ptr %g11, align 4
  store i64 %79, ptr %78, align 4
  %80 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %80, align 4
  %81 = getelementptr i8, ptr %1, i64 4
  %82 = load i32, ptr %steps, align 4
  store i32 %82, ptr %81, align 4
  ret i32 2

fp_soft:                                          ; preds = %52
  store volatile i32 0, ptr %1, align 4
  call preserve_allcc void @fp_soft_4(i64 %57, i64 %59, ptr %62, ptr %fpout)
  %83 = load i64, ptr %fpout, align 4
  %84 = bitcast i64 %83 to double
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %52
  %85 = phi double [ %63, %52 ], [ %84, %fp_soft ]
  %86 = bitcast double %85 to i64
  store i64 %86, ptr %t4, align 4
  %87 = load i64, ptr %t4, align 4
  store i64 %87, ptr %g11, align 4
  store i256 0, ptr %t5, align 4
  %88 = load i64, ptr %g, align 4
  %89 = sub i64 %88, 1
  store i64 %89, ptr %t1, align 4
  %90 = load i64, ptr %t1, align 4
  %91 = load i64, ptr %t1, align 4
  %92 = trunc i64 %91 to i32
  store i32 %92, ptr %g6, align 4
  %93 = load i64, ptr %t1, align 4
  %94 = lshr i64 %93, 32
  store i64 %94, ptr %t3, align 4
  %95 = load i64, ptr %t3, align 4
  %96 = load i64, ptr %t3, align 4
  %97 = trunc i64 %96 to i32
  store i32 %97, ptr %g7, align 4
  %98 = icmp ne i64 %90, 0
  %zf = zext i1 %98 to i32
  store i32 %zf, ptr %g6, align 4
  %99 = load i64, ptr %g, align 4
  %100 = icmp uge i64 %99, 1
  %101 = zext i1 %100 to i64
  store i64 %101, ptr %t2, align 4
  %102 = load i64, ptr %t2, align 4
  %103 = load i64, ptr %t2, align 4
  %104 = trunc i64 %103 to i32
  store i32 %104, ptr %g8, align 4
  %105 = load i64, ptr %g, align 4
  %106 = load i64, ptr %t1, align 4
  %107 = xor i64 %106, %105
  store i64 %107, ptr %t2, align 4
  %108 = load i64, ptr %g, align 4
  %109 = xor i64 %108, 1
  store i64 %109, ptr %t3, align 4
  %110 = load i64, ptr %t3, align 4
  %111 = load i64, ptr %t2, align 4
  %112 = and i64 %111, %110
  store i64 %112, ptr %t2, align 4
  %113 = load i64, ptr %t2, align 4
  %114 = lshr i64 %113, 32
  store i64 %114, ptr %t3, align 4
  %115 = load i64, ptr %t3, align 4
  %116 = load i64, ptr %t3, align 4
  %117 = trunc i64 %116 to i32
  store i32 %117, ptr %g9, align 4
  %118 = load i64, ptr %t1, align 4
  store i64 %118, ptr %t4, align 4
  %119 = load i64, ptr %t4, align 4
  store i64 %119, ptr %g, align 4
  %120 = load i32, ptr %g6, align 4
  %121 = icmp ne i32 %120, 0
  br i1 %121, label %L13, label %122

122:                                              ; preds = %fp_done
  store i64 HEAD+12, ptr %g10, align 4
  %123 = getelementptr i8, ptr %0, i64 64
  %124 = load i64, ptr %g, align 4
  store i64 %124, ptr %123, align 4
  %125 = getelementptr i8, ptr %0, i64 540
  %126 = load i32, ptr %g6, align 4
  store i32 %126, ptr %125, align 4
  %127 = getelementptr i8, ptr %0, i64 536
  %128 = load i32, ptr %g7, align 4
  store i32 %128, ptr %127, align 4
  %129 = getelementptr i8, ptr %0, i64 528
  %130 = load i32, ptr %g8, align 4
  store i32 %130, ptr %129, align 4
  %131 = getelementptr i8, ptr %0, i64 532
  %132 = load i32, ptr %g9, align 4
  store i32 %132, ptr %131, align 4
  %133 = getelementptr i8, ptr %0, i64 320
  %134 = load i64, ptr %g10, align 4
  store i64 %134, ptr %133, align 4
  %135 = getelementptr i8, ptr %0, i64 3184
  %136 = load i64, ptr %g11, align 4
  store i64 %136, ptr %135, align 4
  %137 = getelementptr i8, ptr %1, i64 4
  %138 = load i32, ptr %steps, align 4
  store i32 %138, ptr %137, align 4
  ret i32 1

L13:                                              ; preds = %fp_done
  %139 = load i32, ptr %steps, align 4
  %140 = add i32 %139, 1
  store i32 %140, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead14:                                           ; No predecessors!
  unreachable

dead15:                                           ; No predecessors!
  unreachable
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fabs.f64(double) #0

; Function Attrs: cold noinline
define internal preserve_allcc void @fp_soft_4(i64 %0, i64 %1, ptr %2, ptr %3) #1 {
entry:
  %4 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %0, i64 %1, ptr %2)
  store i64 %4, ptr %3, align 4
  ret void
}

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
attributes #1 = { cold noinline }

