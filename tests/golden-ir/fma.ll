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
  %t5 = alloca i64, align 8
  %t6 = alloca i256, align 8
  %g = alloca i64, align 8
  %g7 = alloca i32, align 4
  %g8 = alloca i32, align 4
  %g9 = alloca i32, align 4
  %g10 = alloca i32, align 4
  %g11 = alloca i64, align 8
  %g12 = alloca i64, align 8
  %g13 = alloca i64, align 8
  %g14 = alloca i64, align 8
  %g15 = alloca i64, align 8
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
  %29 = getelementptr i8, ptr %0, i64 3960
  %30 = load i64, ptr %29, align 4
  %31 = icmp ne i64 %30, 0
  %32 = or i1 %28, %31
  %33 = getelementptr i8, ptr %0, i64 3968
  %34 = load i256, ptr %33, align 4
  %35 = icmp ne i256 %34, 0
  %36 = or i1 %32, %35
  %37 = getelementptr i8, ptr %0, i64 4000
  %38 = load i128, ptr %37, align 4
  %39 = icmp ne i128 %38, 0
  %40 = or i1 %36, %39
  br i1 %40, label %not_entered, label %entered

not_entered:                                      ; preds = %entry
  %41 = getelementptr i8, ptr %1, i64 4
  store i32 0, ptr %41, align 4
  ret i32 3

entered:                                          ; preds = %entry
  %42 = getelementptr i8, ptr %0, i64 64
  %43 = load i64, ptr %42, align 4
  store i64 %43, ptr %g, align 4
  %44 = getelementptr i8, ptr %0, i64 540
  %45 = load i32, ptr %44, align 4
  store i32 %45, ptr %g7, align 4
  %46 = getelementptr i8, ptr %0, i64 536
  %47 = load i32, ptr %46, align 4
  store i32 %47, ptr %g8, align 4
  %48 = getelementptr i8, ptr %0, i64 528
  %49 = load i32, ptr %48, align 4
  store i32 %49, ptr %g9, align 4
  %50 = getelementptr i8, ptr %0, i64 532
  %51 = load i32, ptr %50, align 4
  store i32 %51, ptr %g10, align 4
  %52 = getelementptr i8, ptr %0, i64 320
  %53 = load i64, ptr %52, align 4
  store i64 %53, ptr %g11, align 4
  %54 = getelementptr i8, ptr %0, i64 3184
  %55 = load i64, ptr %54, align 4
  store i64 %55, ptr %g12, align 4
  %56 = getelementptr i8, ptr %0, i64 3440
  %57 = load i64, ptr %56, align 4
  store i64 %57, ptr %g13, align 4
  %58 = getelementptr i8, ptr %0, i64 3696
  %59 = load i64, ptr %58, align 4
  store i64 %59, ptr %g14, align 4
  %60 = getelementptr i8, ptr %0, i64 3952
  %61 = load i64, ptr %60, align 4
  store i64 %61, ptr %g15, align 4
  br label %pc_HEAD+0

pc_HEAD+0:                                        ; preds = %L18, %entered
  %62 = load i32, ptr %steps, align 4
  %63 = call i32 asm "", "=r,0"(i32 %62)
  store i32 %63, ptr %steps, align 4
  %64 = getelementptr i8, ptr %0, i64 ENV_NEG_OFFSET
  %65 = load volatile i32, ptr %64, align 4
  store i32 %65, ptr %t, align 4
  %66 = load i32, ptr %t, align 4
  %67 = icmp slt i32 %66, 0
  br i1 %67, label %L, label %68

68:                                               ; preds = %pc_HEAD+0
  %69 = ptrtoint ptr %0 to i64
  %70 = add i64 %69, 12072
  store i64 %70, ptr %t1, align 4
  %71 = load i64, ptr %g13, align 4
  store i64 %71, ptr %t2, align 4
  %72 = load i64, ptr %g14, align 4
  store i64 %72, ptr %t3, align 4
  %73 = load i64, ptr %g12, align 4
  store i64 %73, ptr %t4, align 4
  %74 = load i64, ptr %t4, align 4
  %75 = xor i64 %74, -9223372036854775808
  store i64 %75, ptr %t4, align 4
  %76 = load i64, ptr %t2, align 4
  %77 = xor i64 %76, -9223372036854775808
  store i64 %77, ptr %t2, align 4
  %78 = load i64, ptr %t2, align 4
  %79 = bitcast i64 %78 to double
  %80 = load i64, ptr %t3, align 4
  %81 = bitcast i64 %80 to double
  %82 = load i64, ptr %t4, align 4
  %83 = bitcast i64 %82 to double
  %84 = load i64, ptr %t1, align 4
  %85 = inttoptr i64 %84 to ptr
  %86 = call double @llvm.fma.f64(double %79, double %81, double %83)
  %87 = call double @llvm.fabs.f64(double %86)
  %88 = fcmp olt double %87, 0x7FF0000000000000
  %89 = fcmp ogt double %87, 0x10000000000000
  %90 = and i1 %88, %89
  %91 = fcmp oeq double %79, 0.000000e+00
  %92 = fcmp oeq double %81, 0.000000e+00
  %93 = or i1 %91, %92
  %94 = and i1 %93, %88
  %95 = or i1 %90, %94
  %96 = load i1, ptr %fpenv, align 1
  %97 = and i1 %96, %95
  br i1 %97, label %fp_done, label %fp_soft

L:                                                ; preds = %pc_HEAD+0
  %98 = getelementptr i8, ptr %0, i64 64
  %99 = load i64, ptr %g, align 4
  store i64 %99, ptr %98, align 4
  %100 = getelementptr i8, ptr %0, i64 540
  %101 = load i32, ptr %g7, align 4
  store i32 %101, ptr %100, align 4
  %102 = getelementptr i8, ptr %0, i64 536
  %103 = load i32, ptr %g8, align 4
  store i32 %103, ptr %102, align 4
  %104 = getelementptr i8, ptr %0, i64 528
  %105 = load i32, ptr %g9, align 4
  store i32 %105, ptr %104, align 4
  %106 = getelementptr i8, ptr %0, i64 532
  %107 = load i32, ptr %g10, align 4
  store i32 %107, ptr %106, align 4
  %108 = getelementptr i8, ptr %0, i64 3184
  %109 = load i64, ptr %g12, align 4
  store i64 %109, ptr %108, align 4
  %110 = getelementptr i8, ptr %0, i64 3952
  %111 = load i64, ptr %g15, align 4
  store i64 %111, ptr %110, align 4
  %112 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %112, align 4
  %113 = getelementptr i8, ptr %1, i64 4
  %114 = load i32, ptr %steps, align 4
  store i32 %114, ptr %113, align 4
  ret i32 2

fp_soft:                                          ; preds = %68
  store volatile i32 0, ptr %1, align 4
  call preserve_allcc void @fp_soft_9(i64 %78, i64 %80, i64 %82, ptr %85, ptr %fpout)
  %115 = load i64, ptr %fpout, align 4
  %116 = bitcast i64 %115 to double
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %68
  %117 = phi double [ %86, %68 ], [ %116, %fp_soft ]
  %118 = bitcast double %117 to i64
  store i64 %118, ptr %t5, align 4
  %119 = load i64, ptr %t5, align 4
  store i64 %119, ptr %g12, align 4
  store i256 0, ptr %t6, align 4
  %120 = load i64, ptr %g13, align 4
  store i64 %120, ptr %t5, align 4
  %121 = load i64, ptr %t5, align 4
  %122 = bitcast i64 %121 to double
  %123 = getelementptr i8, ptr %0, i64 12072
  %124 = call double @llvm.sqrt.f64(double %122)
  %125 = fcmp ord double %124, 0.000000e+00
  %126 = load i1, ptr %fpenv, align 1
  %127 = and i1 %126, %125
  br i1 %127, label %fp_done17, label %fp_soft16

fp_soft16:                                        ; preds = %fp_done
  store volatile i32 1, ptr %1, align 4
  call preserve_allcc void @fp_soft_11(i64 %121, ptr %0, ptr %fpout)
  %128 = load i64, ptr %fpout, align 4
  %129 = bitcast i64 %128 to double
  br label %fp_done17

fp_done17:                                        ; preds = %fp_soft16, %fp_done
  %130 = phi double [ %124, %fp_done ], [ %129, %fp_soft16 ]
  %131 = bitcast double %130 to i64
  store i64 %131, ptr %t1, align 4
  %132 = load i64, ptr %t1, align 4
  store i64 %132, ptr %g15, align 4
  %133 = load i64, ptr %g, align 4
  %134 = sub i64 %133, 1
  store i64 %134, ptr %t1, align 4
  %135 = load i64, ptr %t1, align 4
  %136 = load i64, ptr %t1, align 4
  %137 = trunc i64 %136 to i32
  store i32 %137, ptr %g7, align 4
  %138 = load i64, ptr %t1, align 4
  %139 = lshr i64 %138, 32
  store i64 %139, ptr %t3, align 4
  %140 = load i64, ptr %t3, align 4
  %141 = load i64, ptr %t3, align 4
  %142 = trunc i64 %141 to i32
  store i32 %142, ptr %g8, align 4
  %143 = icmp ne i64 %135, 0
  %zf = zext i1 %143 to i32
  store i32 %zf, ptr %g7, align 4
  %144 = load i64, ptr %g, align 4
  %145 = icmp uge i64 %144, 1
  %146 = zext i1 %145 to i64
  store i64 %146, ptr %t2, align 4
  %147 = load i64, ptr %t2, align 4
  %148 = load i64, ptr %t2, align 4
  %149 = trunc i64 %148 to i32
  store i32 %149, ptr %g9, align 4
  %150 = load i64, ptr %g, align 4
  %151 = load i64, ptr %t1, align 4
  %152 = xor i64 %151, %150
  store i64 %152, ptr %t2, align 4
  %153 = load i64, ptr %g, align 4
  %154 = xor i64 %153, 1
  store i64 %154, ptr %t3, align 4
  %155 = load i64, ptr %t3, align 4
  %156 = load i64, ptr %t2, align 4
  %157 = and i64 %156, %155
  store i64 %157, ptr %t2, align 4
  %158 = load i64, ptr %t2, align 4
  %159 = lshr i64 %158, 32
  store i64 %159, ptr %t3, align 4
  %160 = load i64, ptr %t3, align 4
  %161 = load i64, ptr %t3, align 4
  %162 = trunc i64 %161 to i32
  store i32 %162, ptr %g10, align 4
  %163 = load i64, ptr %t1, align 4
  store i64 %163, ptr %t5, align 4
  %164 = load i64, ptr %t5, align 4
  store i64 %164, ptr %g, align 4
  %165 = load i32, ptr %g7, align 4
  %166 = icmp ne i32 %165, 0
  br i1 %166, label %L18, label %167

167:                                              ; preds = %fp_done17
  store i64 HEAD+16, ptr %g11, align 4
  %168 = getelementptr i8, ptr %0, i64 64
  %169 = load i64, ptr %g, align 4
  store i64 %169, ptr %168, align 4
  %170 = getelementptr i8, ptr %0, i64 540
  %171 = load i32, ptr %g7, align 4
  store i32 %171, ptr %170, align 4
  %172 = getelementptr i8, ptr %0, i64 536
  %173 = load i32, ptr %g8, align 4
  store i32 %173, ptr %172, align 4
  %174 = getelementptr i8, ptr %0, i64 528
  %175 = load i32, ptr %g9, align 4
  store i32 %175, ptr %174, align 4
  %176 = getelementptr i8, ptr %0, i64 532
  %177 = load i32, ptr %g10, align 4
  store i32 %177, ptr %176, align 4
  %178 = getelementptr i8, ptr %0, i64 320
  %179 = load i64, ptr %g11, align 4
  store i64 %179, ptr %178, align 4
  %180 = getelementptr i8, ptr %0, i64 3184
  %181 = load i64, ptr %g12, align 4
  store i64 %181, ptr %180, align 4
  %182 = getelementptr i8, ptr %0, i64 3952
  %183 = load i64, ptr %g15, align 4
  store i64 %183, ptr %182, align 4
  %184 = getelementptr i8, ptr %1, i64 4
  %185 = load i32, ptr %steps, align 4
  store i32 %185, ptr %184, align 4
  ret i32 1

L18:                                              ; preds = %fp_done17
  %186 = load i32, ptr %steps, align 4
  %187 = add i32 %186, 1
  store i32 %187, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead19:                                           ; No predecessors!
  unreachable

dead20:                                           ; No predecessors!
  unreachable
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fma.f64(double, double, double) #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fabs.f64(double) #0

; Function Attrs: cold noinline
define internal preserve_allcc void @fp_soft_9(i64 %0, i64 %1, i64 %2, ptr %3, ptr %4) #1 {
entry:
  %5 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %0, i64 %1, i64 %2, ptr %3)
  store i64 %5, ptr %4, align 4
  ret void
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.sqrt.f64(double) #0

; Function Attrs: cold noinline
define internal preserve_allcc void @fp_soft_11(i64 %0, ptr %1, ptr %2) #1 {
entry:
  %3 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %0, ptr %1)
  store i64 %3, ptr %2, align 4
  ret void
}

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
attributes #1 = { cold noinline }

