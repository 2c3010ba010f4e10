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
  %19 = load <2 x i64>, ptr %18, align 1
  %20 = getelementptr i8, ptr %0, i64 3208
  %21 = load <2 x i64>, ptr %20, align 1
  %22 = or <2 x i64> %19, %21
  %23 = getelementptr i8, ptr %0, i64 3224
  %24 = load <2 x i64>, ptr %23, align 1
  %25 = or <2 x i64> %22, %24
  %26 = getelementptr i8, ptr %0, i64 3240
  %27 = load i64, ptr %26, align 1
  %28 = bitcast <2 x i64> %25 to i128
  %29 = icmp ne i128 %28, 0
  %30 = icmp ne i64 %27, 0
  %31 = or i1 %29, %30
  br i1 %31, label %not_entered, label %entered

not_entered:                                      ; preds = %entry
  %32 = getelementptr i8, ptr %1, i64 4
  store i32 0, ptr %32, align 4
  ret i32 3

entered:                                          ; preds = %entry
  %33 = getelementptr i8, ptr %0, i64 64
  %34 = load i64, ptr %33, align 4
  store i64 %34, ptr %g, align 4
  %35 = getelementptr i8, ptr %0, i64 540
  %36 = load i32, ptr %35, align 4
  store i32 %36, ptr %g6, align 4
  %37 = getelementptr i8, ptr %0, i64 536
  %38 = load i32, ptr %37, align 4
  store i32 %38, ptr %g7, align 4
  %39 = getelementptr i8, ptr %0, i64 528
  %40 = load i32, ptr %39, align 4
  store i32 %40, ptr %g8, align 4
  %41 = getelementptr i8, ptr %0, i64 532
  %42 = load i32, ptr %41, align 4
  store i32 %42, ptr %g9, align 4
  %43 = getelementptr i8, ptr %0, i64 320
  %44 = load i64, ptr %43, align 4
  store i64 %44, ptr %g10, align 4
  %45 = getelementptr i8, ptr %0, i64 3184
  %46 = load i64, ptr %45, align 4
  store i64 %46, ptr %g11, align 4
  %47 = getelementptr i8, ptr %0, i64 3440
  %48 = load i64, ptr %47, align 4
  store i64 %48, ptr %g12, align 4
  br label %pc_HEAD+0

pc_HEAD+0:                                        ; preds = %L13, %entered
  %49 = load i32, ptr %steps, align 4
  %50 = call i32 asm "", "=r,0"(i32 %49)
  store i32 %50, ptr %steps, align 4
  %51 = getelementptr i8, ptr %0, i64 ENV_NEG_OFFSET
  %52 = load volatile i32, ptr %51, align 4
  store i32 %52, ptr %t, align 4
  %53 = load i32, ptr %t, align 4
  %54 = icmp slt i32 %53, 0
  br i1 %54, label %L, label %55

55:                                               ; preds = %pc_HEAD+0
  %56 = ptrtoint ptr %0 to i64
  %57 = add i64 %56, 12072
  store i64 %57, ptr %t1, align 4
  %58 = load i64, ptr %g11, align 4
  store i64 %58, ptr %t2, align 4
  %59 = load i64, ptr %g12, align 4
  store i64 %59, ptr %t3, align 4
  %60 = load i64, ptr %t2, align 4
  %61 = bitcast i64 %60 to double
  %62 = load i64, ptr %t3, align 4
  %63 = bitcast i64 %62 to double
  %64 = load i64, ptr %t1, align 4
  %65 = inttoptr i64 %64 to ptr
  %66 = fadd double %61, %63
  %67 = call double @llvm.fabs.f64(double %66)
  %68 = fcmp olt double %67, 0x7FF0000000000000
  %69 = load i1, ptr %fpenv, align 1
  %70 = and i1 %69, %68
  br i1 %70, label %fp_done, label %fp_soft

L:                                                ; preds = %pc_HEAD+0
  %71 = getelementptr i8, ptr %0, i64 64
  %72 = load i64, ptr %g, align 4
  store i64 %72, ptr %71, align 4
  %73 = getelementptr i8, ptr %0, i64 540
  %74 = load i32, ptr %g6, align 4
  store i32 %74, ptr %73, align 4
  %75 = getelementptr i8, ptr %0, i64 536
  %76 = load i32, ptr %g7, align 4
  store i32 %76, ptr %75, align 4
  %77 = getelementptr i8, ptr %0, i64 528
  %78 = load i32, ptr %g8, align 4
  store i32 %78, ptr %77, align 4
  %79 = getelementptr i8, ptr %0, i64 532
  %80 = load i32, ptr %g9, align 4
  store i32 %80, ptr %79, align 4
  %81 = getelementptr i8, ptr %0, i64 3184
  %82 = load i64, ptr %g11, align 4
  store i64 %82, ptr %81, align 4
  %83 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %83, align 4
  %84 = getelementptr i8, ptr %1, i64 4
  %85 = load i32, ptr %steps, align 4
  store i32 %85, ptr %84, align 4
  ret i32 2

fp_soft:                                          ; preds = %55
  store volatile i32 0, ptr %1, align 4
  call preserve_allcc void @fp_soft_4(i64 %60, i64 %62, ptr %65, ptr %fpout)
  %86 = load i64, ptr %fpout, align 4
  %87 = bitcast i64 %86 to double
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %55
  %88 = phi double [ %66, %55 ], [ %87, %fp_soft ]
  %89 = bitcast double %88 to i64
  store i64 %89, ptr %t4, align 4
  %90 = load i64, ptr %t4, align 4
  store i64 %90, ptr %g11, align 4
  store i256 0, ptr %t5, align 4
  %91 = load i64, ptr %g, align 4
  %92 = sub i64 %91, 1
  store i64 %92, ptr %t1, align 4
  %93 = load i64, ptr %t1, align 4
  %94 = load i64, ptr %t1, align 4
  %95 = trunc i64 %94 to i32
  store i32 %95, ptr %g6, align 4
  %96 = load i64, ptr %t1, align 4
  %97 = lshr i64 %96, 32
  store i64 %97, ptr %t3, align 4
  %98 = load i64, ptr %t3, align 4
  %99 = load i64, ptr %t3, align 4
  %100 = trunc i64 %99 to i32
  store i32 %100, ptr %g7, align 4
  %101 = icmp ne i64 %93, 0
  %zf = zext i1 %101 to i32
  store i32 %zf, ptr %g6, align 4
  %102 = load i64, ptr %g, align 4
  %103 = icmp uge i64 %102, 1
  %104 = zext i1 %103 to i64
  store i64 %104, ptr %t2, align 4
  %105 = load i64, ptr %t2, align 4
  %106 = load i64, ptr %t2, align 4
  %107 = trunc i64 %106 to i32
  store i32 %107, ptr %g8, align 4
  %108 = load i64, ptr %g, align 4
  %109 = load i64, ptr %t1, align 4
  %110 = xor i64 %109, %108
  store i64 %110, ptr %t2, align 4
  %111 = load i64, ptr %g, align 4
  %112 = xor i64 %111, 1
  store i64 %112, ptr %t3, align 4
  %113 = load i64, ptr %t3, align 4
  %114 = load i64, ptr %t2, align 4
  %115 = and i64 %114, %113
  store i64 %115, ptr %t2, align 4
  %116 = load i64, ptr %t2, align 4
  %117 = lshr i64 %116, 32
  store i64 %117, ptr %t3, align 4
  %118 = load i64, ptr %t3, align 4
  %119 = load i64, ptr %t3, align 4
  %120 = trunc i64 %119 to i32
  store i32 %120, ptr %g9, align 4
  %121 = load i64, ptr %t1, align 4
  store i64 %121, ptr %t4, align 4
  %122 = load i64, ptr %t4, align 4
  store i64 %122, ptr %g, align 4
  %123 = load i32, ptr %g6, align 4
  %124 = icmp ne i32 %123, 0
  br i1 %124, label %L13, label %125

125:                                              ; preds = %fp_done
  store i64 HEAD+12, ptr %g10, align 4
  %126 = getelementptr i8, ptr %0, i64 64
  %127 = load i64, ptr %g, align 4
  store i64 %127, ptr %126, align 4
  %128 = getelementptr i8, ptr %0, i64 540
  %129 = load i32, ptr %g6, align 4
  store i32 %129, ptr %128, align 4
  %130 = getelementptr i8, ptr %0, i64 536
  %131 = load i32, ptr %g7, align 4
  store i32 %131, ptr %130, align 4
  %132 = getelementptr i8, ptr %0, i64 528
  %133 = load i32, ptr %g8, align 4
  store i32 %133, ptr %132, align 4
  %134 = getelementptr i8, ptr %0, i64 532
  %135 = load i32, ptr %g9, align 4
  store i32 %135, ptr %134, align 4
  %136 = getelementptr i8, ptr %0, i64 320
  %137 = load i64, ptr %g10, align 4
  store i64 %137, ptr %136, align 4
  %138 = getelementptr i8, ptr %0, i64 3184
  %139 = load i64, ptr %g11, align 4
  store i64 %139, ptr %138, align 4
  %140 = getelementptr i8, ptr %1, i64 4
  %141 = load i32, ptr %steps, align 4
  store i32 %141, ptr %140, align 4
  ret i32 1

L13:                                              ; preds = %fp_done
  %142 = load i32, ptr %steps, align 4
  %143 = add i32 %142, 1
  store i32 %143, ptr %steps, align 4
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

